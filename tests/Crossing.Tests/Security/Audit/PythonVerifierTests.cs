using System.Diagnostics;
using Crossing.Core.Persistence;
using Crossing.Tests.Cli;

namespace Crossing.Tests.Security.Audit;

/// <summary>tools/verify-audit.py shares no code with Crossing; it must reach the same verdict, event and head as the C# verifier.</summary>
public sealed class PythonVerifierTests
{
    public static TheoryData<string> Tamperings => new()
    {
        "",
        """UPDATE audit_events SET "Outcome" = 'denied' WHERE "Sequence" = 4""",
        """UPDATE audit_events SET "RecordCode" = NULL WHERE "Sequence" = 1""",
        """UPDATE audit_events SET "At" = "At" + 1 WHERE "Sequence" = 6""",
        """DELETE FROM audit_events WHERE "Sequence" = 3""",
        """DELETE FROM audit_events WHERE "Sequence" = 6""",
        """UPDATE audit_head SET "Hash" = 'ab'""",
        // What a database writer without the key tries: set the head back, or claim events were never keyed.
        """DELETE FROM audit_events WHERE "Sequence" > 4; UPDATE audit_head SET "Sequence" = 4, "Hash" = (SELECT "Hash" FROM audit_events WHERE "Sequence" = 4)""",
        """UPDATE audit_events SET "Version" = 1 WHERE "Sequence" = 5""",
        """UPDATE audit_head SET "Mac" = NULL""",
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Python_verifier_agrees_with_the_CSharp_verifier(string tampering)
    {
        await using var store = await AuditTamperingTests.StoreWithEventsAsync(DatabaseProvider.Sqlite);

        var keyFile = Path.Combine(store.DataDirectory, "..", Guid.NewGuid().ToString("N") + ".key");
        Assert.Equal(0, (await CliRunner.RunAsync(store, "audit", "export-key", "--out", keyFile)).Exit);
        // The export is itself an audit event; the tampering comes after it, so both verifiers see the same chain.
        if (tampering.Length > 0)
            await AuditTamperingTests.SqlAsync(store, tampering);

        var csharp = await CliRunner.RunAsync(store, "audit", "verify");
        var (pythonExit, pythonOut) = await RunPythonAsync(store.DataDirectory, "--key-file", keyFile);
        File.Delete(keyFile);

        Assert.Equal(tampering.Length == 0 ? 0 : 1, csharp.Exit);
        Assert.Equal(csharp.Exit, pythonExit);
        Assert.Equal(csharp.Out, pythonOut);
    }

    [Fact]
    public async Task Python_verifier_refuses_a_keyed_log_without_the_key_file()
    {
        await using var store = await AuditTamperingTests.StoreWithEventsAsync(DatabaseProvider.Sqlite);
        var (exit, output) = await RunPythonAsync(store.DataDirectory);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
    }

    internal static async Task<(int Exit, string Out)> RunPythonAsync(string dataDirectory, params string[] options)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tools", "verify-audit.py"));
        foreach (var option in options)
            start.ArgumentList.Add(option);
        start.ArgumentList.Add(dataDirectory);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output.Trim());
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Crossing.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Crossing.slnx not found above the test output folder.");
    }
}
