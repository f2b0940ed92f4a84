using Crossing.Core.Demo;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Crossing.Web.Hosting;

/// <summary>The command line of the web host: ASP.NET's own switches (--urls, --data ...) plus <c>--demo</c>.</summary>
public sealed record HostStart(bool Demo, string[] HostArgs)
{
    public const string DemoSwitch = "--demo";

    // --demo takes no value; removed here because ASP.NET's parser would swallow the next switch as its value.
    public static HostStart Parse(string[] args) =>
        new(args.Contains(DemoSwitch, StringComparer.Ordinal), [.. args.Where(a => a != DemoSwitch)]);
}

/// <summary>
/// <c>--demo</c>: seeds the demo organisation into an empty data folder and prints, on the console only (never
/// through logging), everything a newcomer needs to sign in as the field manager.
/// </summary>
public static class DemoStart
{
    public static async Task PrepareAsync(WebApplication app, StorageOptions storage)
    {
        DemoSeedResult result;
        await using (var scope = app.Services.CreateAsyncScope())
            result = await DemoSeeder.SeedAsync(scope.ServiceProvider, app.Lifetime.ApplicationStopping);
        var time = app.Services.GetRequiredService<TimeProvider>();
        app.Lifetime.ApplicationStarted.Register(() => Console.Out.Write(Announcement(SignInUrl(app), storage, result, time.GetUtcNow())));
    }

    public static string Announcement(string url, StorageOptions storage, DemoSeedResult result, DateTimeOffset now)
    {
        var manager = result.Account(DemoSeeder.FieldManager);
        var text = new System.Text.StringBuilder();
        text.AppendLine();
        text.AppendLine("=== Crossing demo ===");
        text.AppendLine($"Open:          {url}");
        if (manager is null)
        {
            text.AppendLine("This data folder already holds staff who are not demo accounts, so no demo data was added.");
            text.AppendLine("Use a new folder for the demo: --data ./demo-data");
            return text.ToString();
        }
        text.AppendLine(result.Created ? $"Demo data created in {storage.DataDirectory}" : $"Demo data found in {storage.DataDirectory}");
        text.AppendLine("Sign in as the field manager:");
        text.AppendLine($"  E-mail:      {manager.Email}");
        text.AppendLine($"  Password:    {manager.Password}");
        text.AppendLine($"  Code now:    {DemoTotp.CurrentCode(manager.AuthenticatorKey, now)} (changes every 30 seconds; {DemoTotp.SecondsRemaining(now)} s left)");
        text.AppendLine($"  Authenticator key (type into any authenticator app): {manager.AuthenticatorKey}");
        text.AppendLine($"  Current codes at any time: dotnet run --project src/Crossing.Cli -- demo totp --data \"{storage.DataDirectory}\"");
        text.AppendLine($"Other demo accounts (same password): {string.Join(", ", result.Accounts.Where(a => a != manager).Select(a => $"{a.Email} ({a.Role.Slug()})"))}");
        return text.ToString();
    }

    private static string SignInUrl(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses?.FirstOrDefault() ?? "http://localhost:5000";
        // A wildcard bind address is not something a browser can open.
        foreach (var wildcard in new[] { "0.0.0.0", "[::]", "+", "*" })
            address = address.Replace("://" + wildcard, "://localhost", StringComparison.Ordinal);
        return address.TrimEnd('/') + "/Account/SignIn";
    }
}
