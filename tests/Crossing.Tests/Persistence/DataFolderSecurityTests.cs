using System.Diagnostics;
using System.Text;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Security.Audit;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Persistence;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderSecurityTests
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Data_folder_is_0700_and_database_files_0600_on_creation_and_are_fixed_at_the_next_start()
    {
        await using var store = await TestStore.CreateAsync();
        await using (var scope = store.Scope())
            await scope.ServiceProvider.GetRequiredService<StaffDirectory>().AddCompartmentAsync("east", "system:test");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.DataDirectory));
        foreach (var file in DatabaseFiles(store))
            Assert.True(File.GetUnixFileMode(file) == OwnerOnlyFile, $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
        Assert.Contains(DatabaseFiles(store), f => f.EndsWith("-wal", StringComparison.Ordinal));

        File.SetUnixFileMode(store.DataDirectory, (UnixFileMode)Convert.ToInt32("755", 8));
        File.SetUnixFileMode(store.Storage.SqlitePath, (UnixFileMode)Convert.ToInt32("644", 8));
        await DataFolder.InitializeAsync(store.Storage);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.DataDirectory));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(store.Storage.SqlitePath));
    }

    [Fact]
    public async Task Database_and_its_write_ahead_log_hold_no_authenticator_key_or_recovery_code_in_clear()
    {
        await using var store = await TestStore.CreateAsync();
        string key;
        IReadOnlyList<string> codes;
        await using (var scope = store.Scope())
        {
            var services = scope.ServiceProvider;
            var staff = await services.GetRequiredService<StaffDirectory>().AddStaffAsync("k@test.crossing.invalid", StaffRole.Finance, [], "correct-horse-battery-42", "system:test");
            var users = services.GetRequiredService<UserManager<StaffMember>>();
            await users.ResetAuthenticatorKeyAsync(staff);
            key = (await users.GetAuthenticatorKeyAsync(staff))!;
            codes = await RecoveryCodes.ReplaceAsync(users, services.GetRequiredService<IUserStore<StaffMember>>(), staff);
            Assert.Equal(10, await users.CountRecoveryCodesAsync(staff));
        }
        await using (var scope = store.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
            var staff = (await users.FindByEmailAsync("k@test.crossing.invalid"))!;
            Assert.Equal(key, await users.GetAuthenticatorKeyAsync(staff));
            Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(staff, codes[0])).Succeeded);
            Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(staff, codes[0])).Succeeded);
        }

        var bytes = DatabaseFiles(store).Select(ReadShared).ToList();
        foreach (var secret in new[] { key, key.ToLowerInvariant() }.Concat(codes).Concat(codes.Select(RecoveryCodes.Hash)))
            Assert.DoesNotContain(bytes, b => b.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret)) >= 0);
    }

    [Fact]
    public void Host_and_cli_default_to_data_in_the_folder_they_are_started_from()
    {
        var saved = Environment.GetEnvironmentVariable(StorageOptions.DataEnvironmentVariable);
        Assert.True(saved is null, "CROSSING_DATA is set for this test run");
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data"), StorageOptions.Resolve(null).DataDirectory);

        // `dotnet run --project src/Crossing.Web` would otherwise start in src/Crossing.Web and make ./data there.
        var project = File.ReadAllText(Path.Combine(PythonVerifierTests.RepositoryRoot(), "src", "Crossing.Web", "Crossing.Web.csproj"));
        Assert.Contains("<RunWorkingDirectory>$(MSBuildStartupDirectory)</RunWorkingDirectory>", project, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data/keys/master.key")]
    [InlineData("src/Crossing.Web/data/keys/master.key")]
    [InlineData("src/Crossing.Web/data/crossing.db")]
    [InlineData("demo-data/keys/master.key")]
    [InlineData("somewhere/crossing.db-wal")]
    [InlineData("somewhere/crossing.db-shm")]
    public void Git_ignores_every_data_folder_and_database_file(string path)
    {
        var start = new ProcessStartInfo("git", ["check-ignore", "--no-index", "-q", path])
        {
            WorkingDirectory = PythonVerifierTests.RepositoryRoot(),
            RedirectStandardError = true,
        };
        using var git = Process.Start(start)!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"{path} is not ignored");
    }

    private static List<string> DatabaseFiles(TestStore store) =>
        [.. new[] { "", "-wal", "-shm" }.Select(s => store.Storage.SqlitePath + s).Where(File.Exists)];

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
