using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sesame.Registries.Simulator;

/// <summary>
/// The simulator's own JSON settings, so that the wire format (docs/registries.md: camelCase) does not change with
/// whatever JSON options the host that mounts it has set; and strict reading, because a registry checks the contract.
/// </summary>
internal static class SimulatorJson
{
    /// <summary>A contract request is a few short fields; anything much bigger is not one.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // "taxYearFrom": "2024" is not a number: the contract says numbers.
        NumberHandling = JsonNumberHandling.Strict,
        // A registry sees only what the person agreed to send it (docs/registries.md): a field that is not in the
        // contract is refused rather than ignored, so that Sesame cannot send more than the consent covers unseen.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static IResult Json<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, Options, contentType: "application/json; charset=utf-8", statusCode: statusCode);

    /// <summary>
    /// Reads a contract request. Every failure (not JSON, wrong Content-Type, wrong types, unknown fields) is a
    /// <c>400 invalid_request</c> with a detail that names the field, never an echo of the values sent.
    /// </summary>
    public static async Task<(T? Body, string? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, "Content-Type must be application/json.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, "The body is too large for this contract.");
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return body is null ? (null, "The body must be a JSON object.") : (body, null);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
            return (null, $"The body is not a JSON object of this contract{where} (a field is of the wrong type or not in the contract).");
        }
    }

    /// <summary>docs/registries.md: <c>400 {"error":"invalid_request","detail":"..."}</c>.</summary>
    public static IResult InvalidRequest(string detail) => Json(new Problem("invalid_request", detail), StatusCodes.Status400BadRequest);

    internal sealed record Problem(string Error, string Detail);
}
