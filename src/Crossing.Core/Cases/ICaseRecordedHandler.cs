using Crossing.Core.Security.Access;

namespace Crossing.Core.Cases;

/// <summary>
/// Lets another capability react once a case has been recorded and saved (for example, reunification compares
/// the new person with the relatives others are looking for). Called by <see cref="CaseRegistry.RecordAsync"/>
/// after the case, its indexes and its audit event are saved; <paramref name="identity"/> is what was just typed,
/// so a handler need not open the vault again. Handlers must not tell the recording person anything about
/// records they may not see.
/// </summary>
public interface ICaseRecordedHandler
{
    Task OnCaseRecordedAsync(StaffCaller caller, Case recorded, CaseIdentity identity, CancellationToken ct);
}
