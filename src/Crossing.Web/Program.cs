using Crossing.Core;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Crossing.Web.Api;
using Crossing.Web.Funding;
using Crossing.Web.Hosting;
using Crossing.Web.Security;
using Crossing.Web.Shell;

var start = HostStart.Parse(args);
var builder = WebApplication.CreateBuilder(start.HostArgs);
// Every SQL statement at Information drowns the console (and the demo's sign-in instructions).
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
StorageOptions storage;
try
{
    storage = StorageOptions.Resolve(builder.Configuration["data"], builder.Configuration["Crossing:Database:Provider"], builder.Configuration["Crossing:Database:ConnectionString"]);
    await DataFolder.InitializeAsync(storage);
    builder.Services.AddCrossingCore(storage, DataFolder.LoadKeys(storage));
}
catch (Exception e) when (e is VaultConfigurationException or DatabaseUnavailableException or ArgumentException)
{
    // A configuration problem the operator must fix: one clear line, no stack trace.
    Console.Error.WriteLine("Crossing cannot start: " + e.Message);
    return 1;
}
builder.Services.AddCrossingStaffAuthentication(storage);
builder.Services.AddCaseConfiguration(builder.Configuration);
builder.Services.AddDashboardPanel<WaitingListPanel>();
builder.Services.AddRazorPages();
builder.Services.AddFundingWeb(builder.Configuration);
builder.Services.AddCrossingWebShell();

var app = builder.Build();
app.UseCrossingWebShell();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapAccountEndpoints();
app.MapCaseEndpoints();
app.MapFundingEndpoints();

if (start.Demo)
    await DemoStart.PrepareAsync(app, storage);
await app.RunAsync();
return 0;

public partial class Program;
