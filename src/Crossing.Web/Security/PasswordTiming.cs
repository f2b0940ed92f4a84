using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Identity;

namespace Crossing.Web.Security;

/// <summary>
/// Makes a sign-in that never reaches a real password check (unknown e-mail, service account, locked account) cost
/// the same password-hash verification as one that does, so the answer's timing does not tell an outsider which
/// e-mail addresses are staff. The dummy hash is made once per process, by the same hasher and settings as real ones.
/// </summary>
public sealed class PasswordTiming(IPasswordHasher<StaffMember> hasher)
{
    private static readonly StaffMember Nobody = new() { Id = Guid.Empty, Code = "S-NONE" };
    private static string? dummyHash;

    public void SpendOnNothing(string password)
    {
        dummyHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)));
        hasher.VerifyHashedPassword(Nobody, dummyHash, password);
    }
}
