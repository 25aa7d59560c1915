using Microsoft.Extensions.Logging;

namespace Sesame.Registries;

/// <summary>
/// The registry calls' log lines. They carry the registry, the operation, the outcome, the registry's reference
/// id, the status and the time taken — never a field of the request: what a person sends a registry is
/// personal information, which never reaches logs (quality.md).
/// </summary>
internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Registry {Registry} {Operation}: {Outcome} (reference {Reference}, HTTP {Status}, {ElapsedMs} ms)")]
    public static partial void Answered(ILogger logger, string registry, string operation, RegistryOutcome outcome, string? reference, int status, long elapsedMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Registry {Registry} {Operation}: {Outcome} after {ElapsedMs} ms (HTTP {Status}, {Failure})")]
    public static partial void Failed(ILogger logger, string registry, string operation, RegistryOutcome outcome, int? status, string failure, long elapsedMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Registry {Registry} {Operation} refused our request as malformed (HTTP 400): a bug on Sesame's side")]
    public static partial void Malformed(ILogger logger, string registry, string operation);
}
