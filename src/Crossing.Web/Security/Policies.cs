namespace Crossing.Web.Security;

/// <summary>Authorization policy names. Every page with data and every API endpoint uses one of these.</summary>
public static class Policies
{
    /// <summary>Staff signed in with password and second factor (cookie), or a bearer token.</summary>
    public const string Staff = "staff";

    /// <summary>Signed in with a password but not yet past the second factor: only enrolment and verification pages.</summary>
    public const string PasswordOnly = "password-only";

    public const string BearerScheme = "Bearer";
}
