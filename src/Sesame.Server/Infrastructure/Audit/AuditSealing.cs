using Microsoft.EntityFrameworkCore;
using Sesame.Core.Audit;

namespace Sesame.Server.Infrastructure.Audit;

/// <summary>
/// Seals new audit records into the chain every second, after the transactions that wrote them. Two nodes
/// may both try: the unique sequence index lets one win, and the other retries on its next turn.
/// </summary>
public sealed partial class AuditSealing(IServiceScopeFactory scopes, ILogger<AuditSealing> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sealer = scope.ServiceProvider.GetRequiredService<AuditSealer>();
                while (await sealer.SealAsync(cancellationToken: stoppingToken) > 0)
                {
                }
            }
            catch (DbUpdateException)
            {
                LostRace(logger);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Another node sealed the audit records first; retrying on the next turn")]
    private static partial void LostRace(ILogger logger);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Sealing the audit trail failed; retrying on the next turn")]
    private static partial void Failed(ILogger logger, Exception exception);
}
