using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Sesame.Core.Data;
using Sesame.Core.Mail;

namespace Sesame.Server.Infrastructure.Mail;

/// <summary>What a message says, before it is sealed into the outbox.</summary>
public sealed record MailContent(string To, string Subject, string Text, string Html);

/// <summary>
/// Adds messages to the database outbox. The caller saves them with the change that causes them, in one
/// transaction, so a message is never sent for a change that was rolled back nor lost for one that was kept.
/// </summary>
public sealed class MailOutbox(SesameDbContext db, IDataProtectionProvider protection, TimeProvider time)
{
    public const string ProtectionPurpose = "Sesame.Mail.Outbox.v1";

    public void Enqueue(string template, MailContent content)
    {
        var now = time.GetUtcNow();
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Template = template,
            ProtectedPayload = Protector(protection).Protect(JsonSerializer.Serialize(content)),
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    public static MailContent? Open(IDataProtectionProvider protection, OutboxMessage message) =>
        message.ProtectedPayload is null
            ? null
            : JsonSerializer.Deserialize<MailContent>(Protector(protection).Unprotect(message.ProtectedPayload));

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector(ProtectionPurpose);
}
