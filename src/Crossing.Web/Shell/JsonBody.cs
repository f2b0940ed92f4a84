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
        if (http.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));
        if (!http.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "JSON expected", detail: "Send the body as application/json."));
        try
        {
            using var limited = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await http.Body.ReadAsync(buffer, ct)) > 0)
            {
                if (limited.Length + read > maxBytes)
                    return (null, TooLarge(maxBytes));
                limited.Write(buffer, 0, read);
            }
            limited.Position = 0;
            var body = await JsonSerializer.DeserializeAsync<T>(limited, Options, ct);
            return body is null
                ? (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Empty body", detail: "Send a JSON object."))
                : (body, null);
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "$").TrimStart('$', '.');
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = ["This value has the wrong type or is not allowed here."] },
                title: "The body is not valid JSON for this request.",
                detail: field.Length == 0 ? "The body is not a valid JSON object." : $"Invalid: {field}"));
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"The body is limited to {maxBytes} bytes.");
}
