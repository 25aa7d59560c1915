using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Identity;
using Sesame.Core.Mail;
using Sesame.Core.Privacy;

namespace Sesame.Core.Tests.Privacy;

/// <summary>Issue 7, item 5: what is no longer needed goes, on the schedule's clock; what is still needed stays.</summary>
public sealed class RetentionSweepTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
    private readonly SqliteConnection _connection = new("DataSource=:memory:");
    private readonly FakeTimeProvider _time = new(Start);

    public RetentionSweepTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task Only_what_has_outlived_its_purpose_is_deleted()
    {
        var unconfirmed = Guid.NewGuid();
        var confirmed = Guid.NewGuid();
        var recent = Guid.NewGuid();
        await using (var db = NewContext())
        {
            db.Users.AddRange(User(unconfirmed, "ancien", false, Start), User(confirmed, "confirme", true, Start), User(recent, "recent", false, Start.AddDays(5)));
            db.EmailCodes.Add(new EmailCode { Id = Guid.NewGuid(), UserId = confirmed, CodeHash = [1], CreatedAt = Start, ExpiresAt = Start.AddMinutes(10) });
            db.EmailCodes.Add(new EmailCode { Id = Guid.NewGuid(), UserId = confirmed, CodeHash = [2], CreatedAt = Start.AddDays(8), ExpiresAt = Start.AddDays(8).AddMinutes(10) });
            db.ProofingAttempts.Add(new ProofingAttempt { Id = Guid.NewGuid(), UserId = confirmed, Kind = AttemptKind.Letter, At = Start });
            db.ProofingAttempts.Add(new ProofingAttempt { Id = Guid.NewGuid(), UserId = confirmed, Kind = AttemptKind.Letter, At = Start.AddDays(20) });
            db.ProofingCases.Add(new ProofingCase { Id = Guid.NewGuid(), UserId = confirmed, PersonalData = [9], CreatedAt = Start, UpdatedAt = Start.AddDays(7),
                PostalSecretHash = [3], PostalSecretExpiresAt = Start.AddDays(30) });
            db.OutboxMessages.Add(new OutboxMessage { Id = Guid.NewGuid(), Template = "t", CreatedAt = Start, NextAttemptAt = Start, SentAt = Start });
            db.OutboxMessages.Add(new OutboxMessage { Id = Guid.NewGuid(), Template = "t", CreatedAt = Start, NextAttemptAt = Start });
            await db.SaveChangesAsync();
        }

        _time.SetUtcNow(Start.AddDays(8).AddMinutes(1));
        var first = await SweepAsync();
        Assert.Equal(new RetentionReport(1, 1, 0, 0, 0, 0, 0), first);
        await using (var db = NewContext())
        {
            Assert.Equal(["confirme", "recent"], await db.Users.OrderBy(u => u.UserName).Select(u => u.UserName).ToListAsync());
            var purged = await db.AuditRecords.SingleAsync();
            Assert.Equal(("account.purged", unconfirmed, "system"), (purged.Code, purged.Subject!.Value, purged.Actor));
        }

        // Forty days on: the first letter's attempt has aged past the 30-day limit; the postal secret has expired.
        _time.SetUtcNow(Start.AddDays(40));
        var second = await SweepAsync();
        Assert.Equal(1, second.ProofingAttempts);
        Assert.Equal(1, second.ExpiredPostalSecrets);
        Assert.Equal(1, second.SentMail);
        Assert.Equal(0, second.AbandonedProofing);

        // Ninety days after it was last touched, an unfinished identification is deleted with what was typed.
        _time.SetUtcNow(Start.AddDays(98));
        Assert.Equal(1, (await SweepAsync()).AbandonedProofing);
        await using (var db = NewContext())
        {
            Assert.Empty(await db.ProofingCases.ToListAsync());
            Assert.Single(await db.OutboxMessages.ToListAsync()); // the unsent message stays
        }
    }

    private async Task<RetentionReport> SweepAsync()
    {
        await using var db = NewContext();
        return await new RetentionSweep(db, new AuditTrail(db, _time), new AuditKey(new byte[32]), _time, new RetentionPolicy()).RunAsync();
    }

    private static SesameUser User(Guid id, string name, bool confirmed, DateTimeOffset created) => new()
    {
        Id = id,
        UserName = name,
        NormalizedUserName = name.ToUpperInvariant(),
        EmailConfirmed = confirmed,
        CreatedAt = created,
        SecurityStamp = "s",
    };

    private SqliteSesameDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteSesameDbContext>().UseSqlite(_connection).Options);
}
