using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Security.Vault;

public sealed class VaultTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Sealed_field_opens_only_for_its_own_record_and_field(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var scope = store.Scope();
        var vault = scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
        var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        using var a = vault.CreateRecordKey("case", "A");
        using var b = vault.CreateRecordKey("case", "B");
        await db.SaveChangesAsync();

        var sealedName = a.Seal("fullName", "김지현");
        Assert.Equal("김지현", a.Open("fullName", sealedName));
        Assert.Throws<VaultDecryptionException>(() => a.Open("hometown", sealedName));
        Assert.Throws<VaultDecryptionException>(() => b.Open("fullName", sealedName));

        using var reopened = await vault.OpenRecordKeyAsync("case", "A");
        Assert.Equal("김지현", reopened.Open("fullName", sealedName));
    }

    [Fact]
    public async Task Flipping_any_ciphertext_byte_fails_to_decrypt()
    {
        await using var store = await TestStore.CreateAsync();
        await using var scope = store.Scope();
        var vault = scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
        using var key = vault.CreateRecordKey("case", "A");
        var bytes = key.Seal("notes", "pregnant, 16 weeks").ToStorage();
        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x01;
            Assert.Throws<VaultDecryptionException>(() => key.Open("notes", SealedValue.FromStorage(tampered)));
        }
    }

    [Fact]
    public async Task Shredded_record_cannot_be_opened()
    {
        await using var store = await TestStore.CreateAsync();
        await using var scope = store.Scope();
        var vault = scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
        var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        using (vault.CreateRecordKey("case", "A"))
            await db.SaveChangesAsync();
        Assert.True(await vault.ShredAsync("case", "A"));
        await Assert.ThrowsAsync<VaultDecryptionException>(() => vault.OpenRecordKeyAsync("case", "A"));
        Assert.False(await db.DataKeys.AnyAsync(k => k.EntityType == "case"));
    }
}
