using Microsoft.EntityFrameworkCore;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Infrastructure;

/// <summary>quality.md: "mail is never lost: queued in the database, retried with backoff when the SMTP server is down, sent once".</summary>
[Collection(ServerCollection.Name)]
public sealed class MailOutboxTests(ServerFixture server)
{
    [Fact]
    public async Task Mail_survives_an_SMTP_outage_and_is_sent_once()
    {
        var (username, email) = ServerFixture.NewPerson();
        await server.Mail.StopSmtpAsync();
        try
        {
            using (await Journeys.RegisterAsync(server, username, email))
            {
            }

            // The sender tries, fails, and schedules a retry; the message stays in the outbox.
            var attempts = 0;
            for (var i = 0; i < 100 && attempts == 0; i++)
            {
                await Task.Delay(100);
                attempts = await server.WithDatabaseAsync(db => db.OutboxMessages.Where(m => m.SentAt == null).SumAsync(m => m.Attempts));
            }

            Assert.True(attempts > 0, "the sender never tried while SMTP was down");
            Assert.Empty(await server.Mail.ReceivedAsync(email));
        }
        finally
        {
            await server.Mail.StartSmtpAsync();
        }

        server.Host.Clock.Advance(TimeSpan.FromMinutes(11));
        var received = await server.Mail.WaitForAsync(email, 1, TimeSpan.FromSeconds(30));
        Assert.Single(received);
        Assert.Contains("code de sécurité", received[0].Text, StringComparison.Ordinal);

        await Task.Delay(1000);
        Assert.Single(await server.Mail.ReceivedAsync(email));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)));
    }

    [Fact]
    public async Task Sent_messages_keep_no_readable_content()
    {
        var (username, email) = ServerFixture.NewPerson();
        using (await Journeys.RegisterAsync(server, username, email))
        {
        }

        await server.Mail.WaitForAsync(email);
        await Task.Delay(500);
        var payloads = await server.WithDatabaseAsync(db => db.OutboxMessages.Where(m => m.SentAt != null).Select(m => m.ProtectedPayload).ToListAsync());
        Assert.All(payloads, Assert.Null);
    }
}
