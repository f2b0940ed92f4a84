using System.Net;
using Crossing.Core.Persistence;
using Crossing.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Crossing.Tests.Web;

public sealed class ShellHealthTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Health_is_ok_when_the_database_answers(DatabaseProvider provider)
    {
        await using var web = await ShellWebFactory.CreateAsync(provider: provider);

        var response = await web.NewClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_is_503_without_details_when_the_database_is_gone()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var client = web.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        // The file disappears under the running app: a new connection finds an empty database without the schema.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(web.Storage.DataDirectory, "crossing.db*"))
            File.Delete(file);
        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("{\"status\":\"unavailable\"}", await response.Content.ReadAsStringAsync());
    }
}
