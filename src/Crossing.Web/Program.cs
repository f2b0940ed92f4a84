using Crossing.Core;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Identity;

var builder = WebApplication.CreateBuilder(args);
var storage = StorageOptions.Resolve(builder.Configuration["data"], builder.Configuration["Crossing:Database:Provider"], builder.Configuration["Crossing:Database:ConnectionString"]);
await DataFolder.InitializeAsync(storage);
builder.Services.AddCrossingCore(storage, DataFolder.LoadKeys(storage));
builder.Services.AddIdentity<StaffMember, IdentityRole<Guid>>(CrossingServices.ConfigureStaffIdentity)
    .AddCrossingIdentityStores()
    .AddDefaultTokenProviders();
builder.Services.AddRazorPages();

var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapRazorPages();
app.Run();

public partial class Program;
