using System.Diagnostics;
using Crossing.Core.Security.Vault;
using Crossing.Tests.Support;
using Crossing.Web.Security;

namespace Crossing.Tests.Web;

/// <summary>Starts the real web host as a process, as an operator would, to see what the console shows.</summary>
public sealed class AuthStartupTests
{
    private static async Task<(int ExitCode, string Out, string Error)> RunWebAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CallerAccessor).Assembly.Location);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove(MasterKeyRing.EnvironmentVariable);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The web host kept running instead of refusing to start.");
        }
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Server_refuses_to_start_with_a_world_readable_key_file_in_one_clear_line()
    {
        await using var store = await TestStore.CreateAsync();
        var keyFile = MasterKeyRing.KeyFilePath(store.DataDirectory);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exitCode, output, error) = await RunWebAsync("--data", store.DataDirectory, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"chmod 600 {keyFile}", line);
        Assert.DoesNotContain(" at ", output + error);
    }

    [Fact]
    public async Task Server_refuses_to_start_without_the_key_file_of_an_existing_database()
    {
        await using var store = await TestStore.CreateAsync();
        File.Delete(MasterKeyRing.KeyFilePath(store.DataDirectory));

        var (exitCode, _, error) = await RunWebAsync("--data", store.DataDirectory, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Crossing cannot start: The database", error.Trim());
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(" at ", error);
    }
}
