namespace Crossing.Core.Security.Access;

/// <summary>
/// The one place that decides which compartmented records a caller may see. Every query for cases, journeys,
/// routes, partners and stories starts from <see cref="Visible{T}"/>; a record it filters out is answered
/// exactly as a record that does not exist.
/// </summary>
public sealed class AccessPolicy
{
    public IQueryable<T> Visible<T>(IQueryable<T> records, StaffCaller caller, Permission needed)
        where T : class, ICompartmented
    {
        if (!caller.Has(needed) || caller.Compartments.Count == 0)
            return records.Where(_ => false);
        var compartments = caller.Compartments.ToList();
        return records.Where(r => compartments.Contains(r.CompartmentId));
    }

    public bool CanSee(ICompartmented record, StaffCaller caller, Permission needed) =>
        caller.Has(needed) && caller.Holds(record.CompartmentId);

    /// <summary>For writes: may the caller create or change a record in this compartment?</summary>
    public bool CanWriteIn(CompartmentId compartment, StaffCaller caller, Permission needed) =>
        caller.Has(needed) && caller.Holds(compartment);
}
