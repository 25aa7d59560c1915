using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Identity;

namespace Sesame.Core.Tests.Identity;

/// <summary>mission.md §2's attempt limits, on a real SQLite database and a fake clock.</summary>
public sealed class ProofingLimitsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Nam = [1, 2, 3];
    private static readonly byte[] Nas = [4, 5, 6];

    private readonly SqliteConnection _connection = new("DataSource=:memory:");
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<Guid> _accounts = [];

    public ProofingLimitsTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
        for (var i = 0; i < 12; i++)
        {
            var id = Guid.NewGuid();
            _accounts.Add(id);
            db.Users.Add(new SesameUser { Id = id, UserName = $"personne{i}", NormalizedUserName = $"PERSONNE{i}", SecurityStamp = "s" });
        }

        db.SaveChanges();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task Five_failures_lock_the_account_for_24_hours_from_the_oldest()
    {
        var marie = _accounts[0];
        for (var i = 0; i < 4; i++)
        {
            await Record(marie, AttemptKind.RegistryCheck, failed: true);
            _time.Advance(TimeSpan.FromHours(1));
        }

        await Record(marie, AttemptKind.RegistryCheck, failed: false);
        Assert.Null(await Check(l => l.BeforeRegistryCheckAsync(marie, null, null, default)));

        await Record(marie, AttemptKind.RegistryCheck, failed: true);
        var locked = await Check(l => l.BeforeRegistryCheckAsync(marie, null, null, default));
        Assert.NotNull(locked);
        Assert.Equal(ProofingLockReason.AccountAttempts, locked.Reason);
        Assert.Equal(Start.AddHours(24), locked.Until);

        // Another account is not affected.
        Assert.Null(await Check(l => l.BeforeRegistryCheckAsync(_accounts[1], null, null, default)));

        _time.SetUtcNow(Start.AddHours(24).AddSeconds(1));
        Assert.Null(await Check(l => l.BeforeRegistryCheckAsync(marie, null, null, default)));
    }

    [Fact]
    public async Task Ten_attempts_with_one_nam_or_nas_in_an_hour_lock_it_across_accounts()
    {
        for (var i = 0; i < 10; i++)
        {
            await Record(_accounts[i], AttemptKind.RegistryCheck, failed: i % 2 == 0, nam: i < 5 ? Nam : null, nas: i >= 5 ? Nas : null);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        // Five with the NAM and five with the NAS: neither identifier reached ten on its own.
        Assert.Null(await Check(l => l.BeforeRegistryCheckAsync(_accounts[11], Nam, null, default)));
        var both = await Check(l => l.BeforeRegistryCheckAsync(_accounts[11], Nam, Nas, default));
        Assert.NotNull(both);
        Assert.Equal(ProofingLockReason.IdentifierAttempts, both.Reason);
        Assert.Equal(Start.AddHours(1), both.Until);

        _time.SetUtcNow(Start.AddHours(1).AddSeconds(1));
        Assert.Null(await Check(l => l.BeforeRegistryCheckAsync(_accounts[11], Nam, Nas, default)));
    }

    [Fact]
    public async Task Five_wrong_postal_secrets_in_ten_minutes_lock_the_entry()
    {
        var marie = _accounts[0];
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await Check(l => l.BeforePostalSecretEntryAsync(marie, default)));
            await Record(marie, AttemptKind.PostalSecretEntry, failed: true);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var locked = await Check(l => l.BeforePostalSecretEntryAsync(marie, default));
        Assert.Equal(ProofingLockReason.PostalSecretTries, locked!.Reason);
        Assert.Equal(Start.AddMinutes(10), locked.Until);
        _time.SetUtcNow(Start.AddMinutes(10).AddSeconds(1));
        Assert.Null(await Check(l => l.BeforePostalSecretEntryAsync(marie, default)));
    }

    [Fact]
    public async Task Letters_are_24_hours_apart_and_at_most_four_in_30_days()
    {
        var marie = _accounts[0];
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(await Check(l => l.BeforeLetterAsync(marie, default)));
            await Record(marie, AttemptKind.Letter, failed: false);
            var tooSoon = await Check(l => l.BeforeLetterAsync(marie, default));
            Assert.Equal(ProofingLockReason.Letters, tooSoon!.Reason);
            // The fourth letter fills the 30 days: the wait is then for the oldest to age out.
            Assert.Equal(i < 3 ? _time.GetUtcNow().AddHours(24) : Start.AddDays(30), tooSoon.Until);
            _time.Advance(TimeSpan.FromHours(25));
        }

        var fifth = await Check(l => l.BeforeLetterAsync(marie, default));
        Assert.Equal(Start.AddDays(30), fifth!.Until);
        _time.SetUtcNow(Start.AddDays(30).AddSeconds(1));
        Assert.Null(await Check(l => l.BeforeLetterAsync(marie, default)));
    }

    private async Task Record(Guid user, AttemptKind kind, bool failed, byte[]? nam = null, byte[]? nas = null)
    {
        await using var db = NewContext();
        new ProofingLimits(db, _time).Record(user, kind, failed, nam, nas);
        await db.SaveChangesAsync();
    }

    private async Task<ProofingLock?> Check(Func<ProofingLimits, Task<ProofingLock?>> check)
    {
        await using var db = NewContext();
        return await check(new ProofingLimits(db, _time));
    }

    private SqliteSesameDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteSesameDbContext>().UseSqlite(_connection).Options);
}
