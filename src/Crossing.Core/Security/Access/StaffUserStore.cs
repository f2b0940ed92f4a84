using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Access;

/// <summary>
/// Identity's EF store, with the tokens Identity keeps for itself (the authenticator key, the recovery code list)
/// sealed by the vault under the staff member's own data key, instead of plaintext in AspNetUserTokens. Recovery
/// codes arrive already hashed (<see cref="RecoveryCodes"/>); a code typed at sign-in is hashed before comparing.
/// </summary>
public sealed class StaffUserStore(CrossingDbContext db, Vault.Vault vault, IdentityErrorDescriber? describer = null)
    : UserStore<StaffMember, IdentityRole<Guid>, CrossingDbContext, Guid>(db, describer)
{
    public const string KeyEntityType = "staff";
    private const string InternalProvider = "[AspNetUserStore]";
    private const string SealedPrefix = "sealed:v1:";
    // Per unit of work: a key created here is not in the database until saved, so it must be reused from memory.
    private readonly Dictionary<Guid, RecordKey> openKeys = [];

    public override async Task SetTokenAsync(StaffMember user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
    {
        if (value is not null && loginProvider == InternalProvider)
        {
            var key = await KeyAsync(user, create: true, cancellationToken);
            value = SealedPrefix + Convert.ToBase64String(key!.Seal(name, value).ToStorage());
        }
        await base.SetTokenAsync(user, loginProvider, name, value, cancellationToken);
    }

    public override async Task<string?> GetTokenAsync(StaffMember user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        if (stored is null || loginProvider != InternalProvider)
            return stored;
        if (!stored.StartsWith(SealedPrefix, StringComparison.Ordinal))
        {
            // Written in clear before sealing existed: sealed now, saved with this unit of work (at the latest when the
            // next code is accepted, which saves the account).
            await SetTokenAsync(user, loginProvider, name, stored, cancellationToken);
            return stored;
        }
        var key = await KeyAsync(user, create: false, cancellationToken)
            ?? throw new VaultDecryptionException($"The data key of staff {user.Code} is missing: its second factor cannot be read.");
        return key.Open(name, SealedValue.FromStorage(Convert.FromBase64String(stored[SealedPrefix.Length..])));
    }

    public override Task<bool> RedeemCodeAsync(StaffMember user, string code, CancellationToken cancellationToken) =>
        base.RedeemCodeAsync(user, RecoveryCodes.Hash(code), cancellationToken);

    private async Task<RecordKey?> KeyAsync(StaffMember user, bool create, CancellationToken ct)
    {
        if (openKeys.TryGetValue(user.Id, out var open))
            return open;
        var recordId = user.Id.ToString();
        RecordKey key;
        if (await Context.DataKeys.AnyAsync(k => k.EntityType == KeyEntityType && k.RecordId == recordId, ct))
            key = await vault.OpenRecordKeyAsync(KeyEntityType, recordId, ct);
        else if (create)
            key = vault.CreateRecordKey(KeyEntityType, recordId);
        else
            return null;
        openKeys[user.Id] = key;
        return key;
    }
}
