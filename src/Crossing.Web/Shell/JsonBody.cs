using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crossing.Web.Shell;

/// <summary>
/// Reads a JSON request body for every API: a size limit enforced while reading, unknown members refused, and a
/// wrong type answered naming the field without echoing its value (so nothing typed ever lands in a response or log).
/// </summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest http, int maxBytes, CancellationToken ct) where T : class
    {
        var l = http.HttpContext.RequestServices.GetRequiredService<Text<ShellText>>();
        if (http.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes, l));
        if (!http.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: l["Shell.Api.JsonExpected"], detail: l["Shell.Api.JsonExpected.Detail"]));
        try
        {
            using var limited = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await http.Body.ReadAsync(buffer, ct)) > 0)
            {
                if (limited.Length + read > maxBytes)
                    return (null, TooLarge(maxBytes, l));
                limited.Write(buffer, 0, read);
            }
            limited.Position = 0;
            var body = await JsonSerializer.DeserializeAsync<T>(limited, Options, ct);
            return body is null
                ? (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: l["Shell.Api.EmptyBody"], detail: l["Shell.Api.EmptyBody.Detail"]))
                : (body, null);
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "$").TrimStart('$', '.');
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [l["Shell.Api.WrongType"]] },
                title: l["Shell.Api.BadJson"],
                detail: field.Length == 0 ? l["Shell.Api.BadJson.Detail"] : l["Shell.Api.InvalidFields", field]));
        }
    }

    private static IResult TooLarge(int maxBytes, Text<ShellText> l) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: l["Shell.Api.TooLarge"], detail: l["Shell.Api.TooLarge.Detail", maxBytes]);
}
