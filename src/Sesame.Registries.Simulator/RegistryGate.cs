using System.Security.Cryptography;
using System.Text;

namespace Sesame.Registries.Simulator;

/// <summary>
/// What stands before each registry's endpoints: its bearer credential (docs/registries.md: a missing or wrong key
/// gets <c>401</c>), then its fault switch, played as a real outage would look on the wire.
/// </summary>
internal sealed class RegistryGate(SimulatedRegistry registry) : IEndpointFilter
{
    private const string Bearer = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<SimulatorOptions>();
        if (!HasCredential(http.Request, options.Credentials.GetValueOrDefault(registry.ToString())))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return SimulatorJson.Json(new ErrorBody("invalid_token"), StatusCodes.Status401Unauthorized);
        }

        switch (http.RequestServices.GetRequiredService<SimulatorState>().FaultOf(registry))
        {
            case FaultMode.Down:
                // The connection is dropped without a status line: the caller sees a transport error, not an answer.
                http.Abort();
                return Results.Empty;
            case FaultMode.Error:
                return SimulatorJson.Json(new ErrorBody("server_error"), StatusCodes.Status500InternalServerError);
            case FaultMode.Slow:
                try
                {
                    // Wall-clock time on purpose, not the TimeProvider: a host under a fake clock still sees a slow
                    // registry. Cancelled when the caller gives up, so no request lingers after its client.
                    await Task.Delay(options.SlowDelay, http.RequestAborted);
                }
                catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
                {
                    return Results.Empty;
                }

                break;
            case FaultMode.None:
            default:
                break;
        }

        return await next(context);
    }

    /// <summary>The <c>Authorization: Bearer &lt;key&gt;</c> header, compared in constant time; no key configured means no access.</summary>
    private static bool HasCredential(HttpRequest request, string? expected)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(expected) || !header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }

    private sealed record ErrorBody(string Error);
}
