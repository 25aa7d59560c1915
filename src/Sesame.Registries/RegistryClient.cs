using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Sesame.Registries;

/// <summary>
/// The one way Sesame calls a registry (docs/registries.md): a JSON POST with the registry's bearer credential,
/// an answer read as match / no match / sent, and every failure turned into a neutral "unavailable" or
/// "timed out" instead of an exception — a registry that is down must never read as "this is not you".
/// </summary>
internal sealed class RegistryClient(IHttpClientFactory clients, IOptionsMonitor<RegistryOptions> options, ILogger<RegistryClient> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<RegistryResult> PostAsync<TBody>(
        string registry, string operation, string path, TBody body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var settings = options.Get(registry);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        if (idempotencyKey is not null)
        {
            // Sent on every retry of this call: the registry mails one letter however many times it hears it.
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        // The resilience pipeline times the exchange up to the response's headers; this also bounds the body,
        // so a registry that sends headers and then stalls is not waited on past the total.
        using var whole = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        whole.CancelAfter(settings.TotalTimeout);
        try
        {
            // Each registry has its own named client: its own address, timeouts, retries and circuit breaker.
            using var response = await clients.CreateClient(registry).SendAsync(request, whole.Token);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                RegistryLog.Malformed(logger, registry, operation);
                return new(registry, RegistryOutcome.Unavailable);
            }

            if (!response.IsSuccessStatusCode)
            {
                RegistryLog.Failed(logger, registry, operation, RegistryOutcome.Unavailable, status, "status", watch.ElapsedMilliseconds);
                return new(registry, RegistryOutcome.Unavailable);
            }

            var answer = await response.Content.ReadFromJsonAsync<WireAnswer>(Json, whole.Token);
            var outcome = answer?.Outcome switch
            {
                "match" => RegistryOutcome.Match,
                "no_match" => RegistryOutcome.NoMatch,
                "sent" => RegistryOutcome.Sent,
                _ => RegistryOutcome.Unavailable,
            };
            if (outcome == RegistryOutcome.Unavailable)
            {
                RegistryLog.Failed(logger, registry, operation, outcome, status, "unknown outcome", watch.ElapsedMilliseconds);
                return new(registry, outcome);
            }

            RegistryLog.Answered(logger, registry, operation, outcome, answer!.Reference, status, watch.ElapsedMilliseconds);
            return new(registry, outcome, answer.Reference);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is TimeoutRejectedException or OperationCanceledException)
        {
            RegistryLog.Failed(logger, registry, operation, RegistryOutcome.TimedOut, null, e.GetType().Name, watch.ElapsedMilliseconds);
            return new(registry, RegistryOutcome.TimedOut);
        }
        catch (Exception e) when (e is HttpRequestException or BrokenCircuitException or JsonException or NotSupportedException)
        {
            RegistryLog.Failed(logger, registry, operation, RegistryOutcome.Unavailable, null, e.GetType().Name, watch.ElapsedMilliseconds);
            return new(registry, RegistryOutcome.Unavailable);
        }
    }

    private sealed record WireAnswer(string? Outcome, string? Reference);
}
