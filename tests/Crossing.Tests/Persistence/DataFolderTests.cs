using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Crossing.Tests.Support;

namespace Crossing.Tests.Persistence;

public sealed class DataFolderTests
{
    [Fact]
    public async Task Initialising_a_folder_whose_key_file_went_missing_refuses_and_creates_no_new_key()
    {
        await using var store = await TestStore.CreateAsync();
        var keyFile = MasterKeyRing.KeyFilePath(store.DataDirectory);
        File.Delete(keyFile);

        var error = await Assert.ThrowsAsync<VaultConfigurationException>(() => DataFolder.InitializeAsync(store.Storage));

        Assert.Contains("master key", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(keyFile));
    }

    [Fact]
    public async Task Initialising_with_a_different_key_than_the_data_was_wrapped_with_refuses()
    {
        await using var store = await TestStore.CreateAsync();
        await using (var scope = store.Scope())
        {
            var vault = (Core.Security.Vault.Vault)scope.ServiceProvider.GetService(typeof(Core.Security.Vault.Vault))!;
            var db = (CrossingDbContext)scope.ServiceProvider.GetService(typeof(CrossingDbContext))!;
            using (vault.CreateRecordKey("case", "A"))
                await db.SaveChangesAsync();
        }
        var keyFile = MasterKeyRing.KeyFilePath(store.DataDirectory);
        File.Delete(keyFile);
        MasterKeyRing.CreateKeyFile(keyFile);

        var error = await Assert.ThrowsAsync<VaultConfigurationException>(() => DataFolder.InitializeAsync(store.Storage));
        Assert.Contains("does not have", error.Message, StringComparison.Ordinal);
    }
}
