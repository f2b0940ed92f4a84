using Crossing.Core;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Crossing.Web.Hosting;
using Crossing.Web.Security;
using Crossing.Web.Shell;

var start = HostStart.Parse(args);
var builder = WebApplication.CreateBuilder(start.HostArgs);
// `dotnet run` starts in the caller's folder (RunWorkingDirectory); the project's wwwroot comes from the build's manifest.
builder.WebHost.UseStaticWebAssets();
// Every SQL statement at Information drowns the console (and the demo's sign-in instructions).
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
// "Request starting" and routing's debug lines carry the path and query string, which hold whatever a caller typed.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Information).AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
StorageOptions storage;
try
{
    storage = StorageOptions.Resolve(builder.Configuration["data"], builder.Configuration["Crossing:Database:Provider"], builder.Configuration["Crossing:Database:ConnectionString"]);
    await DataFolder.InitializeAsync(storage);
    builder.Services.AddCrossingCore(storage, DataFolder.LoadKeys(storage), builder.Configuration);
}
catch (Exception e) when (e is VaultConfigurationException or DatabaseUnavailableException or ArgumentException)
{
    // A configuration problem the operator must fix: one clear line, no stack trace.
    Console.Error.WriteLine("Crossing cannot start: " + e.Message);
    return 1;
}
builder.Services.AddCrossingStaffAuthentication(storage);
builder.Services.AddCrossingAllowedHosts(builder.Configuration);
builder.Services.AddCrossingAuditWitness(builder.Configuration, storage);
builder.Services.AddCrossingWebShell();
builder.Services.AddWebModules(builder.Configuration);

var app = builder.Build();
app.UseCrossingWebShell();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapWebModules();

if (start.Demo)
    await DemoStart.PrepareAsync(app, storage);
await app.RunAsync();
return 0;

public partial class Program;
