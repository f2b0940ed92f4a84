using System.Security.Cryptography;
using System.Text;

namespace Crossing.Core.Security.Access;

/// <summary>A bearer token for automation, stored only as its SHA-256, acting as exactly one staff member until it expires or is revoked.</summary>
public sealed class ApiToken
{
    public const string Prefix = "crs_";
    public const int DefaultLifetimeDays = 90;
    public const int MaximumLifetimeDays = 730;

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

    /// <summary>Null only on tokens issued before expiry existed: those expire <see cref="DefaultLifetimeDays"/> after creation.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset Expires => ExpiresAt ?? CreatedAt.AddDays(DefaultLifetimeDays);

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < Expires;

    public static (ApiToken Token, string Secret) Issue(Guid staffMemberId, DateTimeOffset now, int lifetimeDays = DefaultLifetimeDays)
    {
        if (lifetimeDays is < 1 or > MaximumLifetimeDays)
            throw new ArgumentException($"A token lives 1 to {MaximumLifetimeDays} days.");
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            StaffMemberId = staffMemberId,
            Hash = HashOf(secret),
            Hint = secret[..(Prefix.Length + 4)],
            CreatedAt = now,
            ExpiresAt = now.AddDays(lifetimeDays),
        };
        return (token, secret);
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(Hash, HashOf(presented));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
