using System.Security.Cryptography;
using System.Text;

namespace Crossing.Core.Security.Access;

/// <summary>A bearer token for automation, stored only as its SHA-256, acting as exactly one staff member.</summary>
public sealed class ApiToken
{
    public const string Prefix = "crs_";

    private ApiToken()
    {
        Hash = [];
        Hint = "";
    }

    public Guid Id { get; private set; }
    public Guid StaffMemberId { get; private set; }
    public byte[] Hash { get; private set; }

    /// <summary>The first characters, so an administrator can tell tokens apart without the secret.</summary>
    public string Hint { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static (ApiToken Token, string Secret) Issue(Guid staffMemberId, DateTimeOffset now)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            StaffMemberId = staffMemberId,
            Hash = HashOf(secret),
            Hint = secret[..(Prefix.Length + 4)],
            CreatedAt = now,
        };
        return (token, secret);
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(Hash, HashOf(presented));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
