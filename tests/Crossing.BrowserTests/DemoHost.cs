using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Crossing.Core;
using Crossing.Core.Demo;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.BrowserTests;

/// <summary>
/// The real web host, started the way a newcomer starts the demo (<c>--demo</c>), on Kestrel at a free loopback
/// port, in a child process. What the test needs to sign in is read from the console output, as a person would.
/// </summary>
public sealed partial class DemoHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataDirectory;
    private readonly StringBuilder output = new();

    private DemoHost(Process process, string dataDirectory)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
    }

    public string SignInUrl { get; private set; } = "";
    public string BaseUrl => new Uri(SignInUrl).GetLeftPart(UriPartial.Authority);
    public string Email { get; private set; } = "";
    public string Password { get; private set; } = "";
    public string AuthenticatorKey { get; private set; } = "";

    public static async Task<DemoHost> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "crossing-browser", Guid.NewGuid().ToString("N"));
        var webDll = Path.Combine(AppContext.BaseDirectory, "Crossing.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The project folder as content root, as `dotnet run` has it.
            WorkingDirectory = Path.Combine(RepositoryRoot(), "src", "Crossing.Web"),
        };
        foreach (var arg in new[] { webDll, "--demo", "--data", data, "--urls", "http://127.0.0.1:0" })
            start.ArgumentList.Add(arg);
        var host = new DemoHost(Process.Start(start)!, data);
        // A first build of the host on a busy 2-core machine can take minutes; a passing start takes about 40 s.
        await host.ReadAnnouncementAsync(TimeSpan.FromSeconds(300));
        return host;
    }

    private async Task ReadAnnouncementAsync(TimeSpan limit)
    {
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        while (!timeout.IsCancellationRequested)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
                throw new InvalidOperationException($"The web host exited before announcing the demo:\n{output}\n{await errors}");
            output.AppendLine(line);
            Take(line, "Open:", v => SignInUrl = v);
            Take(line, "E-mail:", v => Email = v);
            Take(line, "Password:", v => Password = v);
            var key = KeyLine().Match(line);
            if (key.Success)
                AuthenticatorKey = key.Groups[1].Value;
            if (line.Contains("demo totp", StringComparison.Ordinal))
            {
                // Keep draining the console so the host never blocks on a full pipe.
                _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is not null) { } });
                return;
            }
        }
        throw new InvalidOperationException("The demo announcement did not appear in time:\n" + output);
    }

    /// <summary>
    /// The authenticator key of another demo account (the announcement prints only the field manager's), read from
    /// the demo's data folder the way <c>crossing demo totp</c> does: the person running the demo owns that folder.
    /// </summary>
    public async Task<string> AuthenticatorKeyOfAsync(string handle)
    {
        var storage = StorageOptions.Resolve(dataDirectory, "sqlite");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCrossingCore(storage, DataFolder.LoadKeys(storage));
        services.AddIdentityCore<StaffMember>(CrossingServices.ConfigureStaffIdentity)
            .AddRoles<IdentityRole<Guid>>()
            .AddCrossingIdentityStores();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
        var member = await users.FindByEmailAsync(DemoSeeder.EmailOf(handle))
            ?? throw new InvalidOperationException($"The demo has no account {handle}.");
        var key = await users.GetAuthenticatorKeyAsync(member)
            ?? throw new InvalidOperationException($"Demo account {handle} has no authenticator enrolled.");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return key;
    }

    /// <summary>How many audit events of that action the demo's log holds for the record (read from its data folder).</summary>
    public async Task<int> AuditCountAsync(string action, string recordCode)
    {
        var storage = StorageOptions.Resolve(dataDirectory, "sqlite");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCrossingCore(storage, DataFolder.LoadKeys(storage));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Crossing.Core.Persistence.CrossingDbContext>();
        var count = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEvents, e => e.Action == action && e.RecordCode == recordCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return count;
    }

    private static void Take(string line, string label, Action<string> set)
    {
        var trimmed = line.Trim();
        if (trimmed.StartsWith(label, StringComparison.Ordinal))
            set(trimmed[label.Length..].Trim());
    }

    [GeneratedRegex(@"Authenticator key[^:]*:\s*([A-Z2-7]+)")]
    private static partial Regex KeyLine();

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Crossing.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Crossing.slnx not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder; a leftover file must not fail the test.
        }
    }
}
