using Crossing.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Demo;

/// <summary>The invented demonstration story: its staff and compartments (<see cref="DemoSeeder"/>); each capability adds its own part.</summary>
public sealed class DemoModule : ICrossingModule
{
    public string Name => "demo";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }
}
