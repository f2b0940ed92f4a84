using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Crossing.Core.Security.Access;

/// <summary>
/// Ten single-use codes for when the phone with the authenticator is lost: 16 characters from a 32-letter alphabet
/// (80 random bits), shown once at enrolment and stored only as SHA-256 (enough for 80 bits: no guessing offline),
/// and the stored list is sealed by the vault besides (<see cref="StaffUserStore"/>).
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string New()
    {
        var chars = RandomNumberGenerator.GetString(Alphabet, 16);
        return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
    }

    /// <summary>What is stored: the hash of the code as typed, ignoring case, spaces and dashes.</summary>
    public static string Hash(string code)
    {
        var normal = new string([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normal)));
    }

    /// <summary>Replaces the account's codes with ten new ones and returns them, the only time they are shown.</summary>
    public static async Task<IReadOnlyList<string>> ReplaceAsync(UserManager<StaffMember> users, IUserStore<StaffMember> store, StaffMember staff, CancellationToken ct = default)
    {
        var codes = Enumerable.Range(0, Count).Select(_ => New()).ToList();
        await ((IUserTwoFactorRecoveryCodeStore<StaffMember>)store).ReplaceCodesAsync(staff, codes.Select(Hash), ct);
        var result = await users.UpdateAsync(staff);
        if (!result.Succeeded)
            throw new InvalidOperationException("The recovery codes could not be saved: " + string.Join(" ", result.Errors.Select(e => e.Code)));
        return codes;
    }
}
