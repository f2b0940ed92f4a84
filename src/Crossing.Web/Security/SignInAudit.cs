using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;

namespace Crossing.Web.Security;

/// <summary>Audit events of signing in and out. The actor is the staff code, never the e-mail address typed.</summary>
public sealed class SignInAudit(IAuditLog audit)
{
    public const string PasswordStep = "signin.password";
    public const string SecondFactorStep = "signin.second-factor";
    public const string Enrolment = "staff.second-factor.enrol";
    public const string SignOut = "signout";
    public const string SignOutEverywhere = "signout.everywhere";

    /// <summary>Who failed to sign in when the e-mail matched no account.</summary>
    public const string UnknownActor = "anonymous";

    public Task RecordAsync(StaffMember? staff, string action, string outcome, CancellationToken ct = default) =>
        audit.AppendAsync(new AuditEntry(staff is null ? UnknownActor : "staff:" + staff.Code, action, staff is null ? null : "staff:" + staff.Code, outcome), ct);
}
