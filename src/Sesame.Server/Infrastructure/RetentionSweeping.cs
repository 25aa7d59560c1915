using Sesame.Core.Accounts;
using Sesame.Core.Privacy;

namespace Sesame.Server.Infrastructure;

/// <summary>
/// Runs the retention rules (issue 7, item 5) every few hours, on the host's clock. Each node may run them:
/// the deletions are idempotent.
/// </summary>
public sealed partial class RetentionSweeping(IServiceScopeFactory scopes, ILogger<RetentionSweeping> logger) : BackgroundService
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(FirstDelay, stoppingToken);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// One pass: the retention rules, then the accounts whose closure's grace period has ended (issue 5). Tests
    /// call it directly instead of waiting for the timer.
    /// </summary>
    public async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(cancellationToken);
        Swept(logger, report.UnconfirmedAccounts, report.SpentCodes, report.ProofingAttempts, report.AbandonedProofing, report.ExpiredPostalSecrets, report.SentMail, report.AuditRecords, report.EndedInvitations);
        var closed = await scope.ServiceProvider.GetRequiredService<ClosedAccountDeletion>().RunAsync(cancellationToken);
        ClosedDeleted(logger, closed);
    }

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Retention: {Accounts} closed accounts deleted after their grace period")]
    private static partial void ClosedDeleted(ILogger logger, int accounts);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Retention: {Accounts} unconfirmed accounts, {Codes} codes, {Attempts} proofing attempts, {Abandoned} unfinished identifications, {Secrets} postal secrets, {Mail} sent messages, {AuditRecords} audit records, {Invitations} ended invitations removed")]
    private static partial void Swept(ILogger logger, int accounts, int codes, int attempts, int abandoned, int secrets, int mail, int auditRecords, int invitations);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "The retention sweep failed; it runs again at the next interval")]
    private static partial void Failed(ILogger logger, Exception exception);
}
