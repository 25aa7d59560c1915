using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Sesame.Core.Data;
using Sesame.Core.Mail;
using Sesame.Core.Privacy;

namespace Sesame.Server.Infrastructure.Mail;

/// <summary>
/// Sends what the outbox holds, oldest first, and retries failures with exponential backoff, so that mail
/// survives an SMTP outage (quality.md, reliability). Without an SMTP host (Development only, enforced at
/// start-up) messages are marked delivered to the development mailbox.
/// </summary>
public sealed partial class OutboxSender(
    IServiceScopeFactory scopes,
    IDataProtectionProvider protection,
    IOptions<MailOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex.GetType().Name);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every due message once; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        var now = time.GetUtcNow();
        var due = await db.OutboxMessages
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var settings = options.Value;
        using var smtp = new SmtpClient();
        var sent = 0;
        foreach (var message in due)
        {
            try
            {
                var content = MailOutbox.Open(protection, message);
                if (content is not null && !string.IsNullOrEmpty(settings.SmtpHost))
                {
                    if (!smtp.IsConnected)
                    {
                        await ConnectAsync(smtp, settings, cancellationToken);
                    }

                    await smtp.SendAsync(Compose(settings, content), cancellationToken);
                }

                message.SentAt = time.GetUtcNow();
                message.LastError = null;
                if (!settings.KeepSentMessages)
                {
                    message.ProtectedPayload = null;
                }

                sent++;
                LogSent(logger, message.Id, message.Template);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.Attempts++;
                message.NextAttemptAt = time.GetUtcNow() + Backoff(settings, message.Attempts);
                message.LastError = Describe(ex);
                LogRetry(logger, message.Id, message.Template, message.Attempts, message.LastError);
                if (smtp.IsConnected)
                {
                    await smtp.DisconnectAsync(quit: false, CancellationToken.None);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (smtp.IsConnected)
        {
            await smtp.DisconnectAsync(quit: true, cancellationToken);
        }

        return sent;
    }

    public static TimeSpan Backoff(MailOptions settings, int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.FirstBackoff.Ticks * factor, settings.MaximumBackoff.Ticks));
        return delay;
    }

    private static async Task ConnectAsync(SmtpClient smtp, MailOptions settings, CancellationToken cancellationToken)
    {
        var security = Enum.Parse<SecureSocketOptions>(settings.SmtpSecurity, ignoreCase: true);
        smtp.Timeout = 15_000;
        await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUsername))
        {
            await smtp.AuthenticateAsync(settings.SmtpUsername, settings.SmtpPassword ?? "", cancellationToken);
        }
    }

    private static MimeMessage Compose(MailOptions settings, MailContent content)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(MailboxAddress.Parse(content.To));
        message.Subject = content.Subject;
        message.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();
        return message;
    }

    /// <summary>The failure's kind and SMTP status only: the exception message can quote the recipient.</summary>
    private static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException command => $"{nameof(SmtpCommandException)} {(int)command.StatusCode}",
        SmtpProtocolException => nameof(SmtpProtocolException),
        _ => ex.GetType().Name,
    };

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Mail.Sent message {MessageId} ({Template})")]
    private static partial void LogSent(ILogger logger, [PseudonymousData] Guid messageId, string template);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Mail.Retry message {MessageId} ({Template}) attempt {Attempts} failed: {Error}")]
    private static partial void LogRetry(ILogger logger, [PseudonymousData] Guid messageId, string template, int attempts, string error);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Mail.SweepFailed {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
