using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Privacy;

namespace Sesame.Core.Tests.Audit;

/// <summary>
/// Issue 7, item 5: the audit trail is kept for a configured number of years, then its oldest records are removed;
/// the chain still verifies from the first remaining record, vouched for by a sealed pruning record, and a removal
/// nobody vouched for, or a pruning record that lies, is named — on a fake clock.
/// </summary>
public sealed class AuditRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
    private readonly SqliteConnection _connection = new("DataSource=:memory:");
    private readonly FakeTimeProvider _time = new(Start);
    private readonly AuditKey _key = new(RandomNumberGenerator.GetBytes(32));

    public AuditRetentionTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task Records_older_than_the_period_are_removed_and_the_rest_still_verifies()
    {
        // Three records in the first year, two in the fifth, one in the eleventh.
        await AppendAsync(3);
        _time.SetUtcNow(Start.AddYears(4));
        await AppendAsync(2);
        _time.SetUtcNow(Start.AddYears(10).AddDays(1));
        await AppendAsync(1);

        Assert.Equal(3, await PruneAsync());

        await using var db = NewContext();
        var remaining = await db.AuditRecords.OrderBy(r => r.Sequence).ToListAsync();
        Assert.Equal([4L, 5, 6, 7], remaining.Select(r => r.Sequence!.Value));
        var pruned = remaining[^1];
        Assert.Equal((AuditPruned.EventCode, "system", (Guid?)null), (pruned.Code, pruned.Actor, pruned.Subject));
        Assert.True(AuditPruned.TryParse(pruned.Detail, out var through, out var hash, out _));
        Assert.Equal(3, through);
        Assert.Equal(remaining[0].PreviousHash, hash);

        var verification = await VerifyAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(4, verification.Sealed);
        Assert.StartsWith("7:", verification.Head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_removed_within_the_period_and_the_head_always_stays()
    {
        await AppendAsync(2);
        _time.SetUtcNow(Start.AddYears(10).AddDays(-1));
        Assert.Equal(0, await PruneAsync());

        // All are past the period now, but the newest sealed record stays, so the sealer continues from it.
        _time.SetUtcNow(Start.AddYears(12));
        Assert.Equal(1, await PruneAsync());
        await AppendAsync(1);
        await using (var db = NewContext())
        {
            Assert.Equal([2L, 3, 4], await db.AuditRecords.OrderBy(r => r.Sequence).Select(r => r.Sequence!.Value).ToListAsync());
        }

        Assert.True((await VerifyAsync()).Intact);

        // Years later, a second sweep removes the first pruning record too; the second one vouches for the new start.
        _time.SetUtcNow(Start.AddYears(25));
        Assert.Equal(2, await PruneAsync());
        var verification = await VerifyAsync();
        Assert.True(verification.Intact, verification.Problem);
        await using (var db = NewContext())
        {
            Assert.Equal([4L, 5], await db.AuditRecords.OrderBy(r => r.Sequence).Select(r => r.Sequence!.Value).ToListAsync());
        }
    }

    [Fact]
    public async Task Removing_more_than_the_sweep_did_is_named_at_the_first_remaining_record()
    {
        await AppendAsync(4);
        _time.SetUtcNow(Start.AddYears(10).AddDays(1));
        await AppendAsync(1);
        Assert.Equal(4, await PruneAsync());

        await using (var db = NewContext())
        {
            await db.AuditRecords.Where(r => r.Sequence == 5).ExecuteDeleteAsync();
        }

        var verification = await VerifyAsync();
        Assert.False(verification.Intact);
        Assert.Equal(6, verification.FirstBadSequence);
        Assert.Contains("no sealed pruning record names sequence 5", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_changed_after_pruning_is_named()
    {
        await AppendAsync(2);
        _time.SetUtcNow(Start.AddYears(11));
        await AppendAsync(2);
        await PruneAsync();

        await using (var db = NewContext())
        {
            await db.AuditRecords.Where(r => r.Sequence == 4).ExecuteUpdateAsync(set => set.SetProperty(r => r.Detail, "modifié"));
        }

        var verification = await VerifyAsync();
        Assert.Equal((false, 4L, "its content was changed"), (verification.Intact, verification.FirstBadSequence!.Value, verification.Problem));
    }

    [Fact]
    public async Task A_pruning_record_written_without_the_key_is_named()
    {
        await AppendAsync(3);
        // Someone with write access to the table removes the oldest records and appends a pruning record of their
        // own, with the right sequence and hash; the sealer seals it like any other record.
        await using (var db = NewContext())
        {
            var link = await db.AuditRecords.Where(r => r.Sequence == 3).Select(r => r.PreviousHash!).SingleAsync();
            await db.AuditRecords.Where(r => r.Sequence <= 2).ExecuteDeleteAsync();
            new AuditTrail(db, _time).Record(new AuditPruned(2, link, new byte[32]));
            await db.SaveChangesAsync();
            await new AuditSealer(db, _key).SealAsync();
        }

        var verification = await VerifyAsync();
        Assert.False(verification.Intact);
        Assert.Equal(4, verification.FirstBadSequence);
        Assert.Contains("no valid proof", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pruning_record_naming_another_hash_than_the_first_records_link_is_named()
    {
        await AppendAsync(3);
        await using (var db = NewContext())
        {
            await db.AuditRecords.Where(r => r.Sequence <= 2).ExecuteDeleteAsync();
            var wrong = RandomNumberGenerator.GetBytes(32);
            new AuditTrail(db, _time).Record(new AuditPruned(2, wrong, AuditTrail.PruningProof(_key.Hasher, 2, wrong)));
            await db.SaveChangesAsync();
            await new AuditSealer(db, _key).SealAsync();
        }

        var verification = await VerifyAsync();
        Assert.False(verification.Intact);
        Assert.Equal(4, verification.FirstBadSequence);
        Assert.Contains("does not link to", verification.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-3, false)]
    [InlineData(1, true)]
    [InlineData(10, true)]
    public void The_period_is_at_least_one_year(int years, bool valid)
    {
        var policy = new RetentionPolicy { AuditTrailYears = years };
        Assert.Equal(valid, Validator.TryValidateObject(policy, new ValidationContext(policy), null, validateAllProperties: true));
        Assert.Equal(10, new RetentionPolicy().AuditTrailYears);
    }

    /// <summary>Appends and seals <paramref name="count"/> records at the clock's time.</summary>
    private async Task AppendAsync(int count)
    {
        await using var db = NewContext();
        var trail = new AuditTrail(db, _time);
        for (var i = 0; i < count; i++)
        {
            trail.Record(new SignInFailed { Subject = Guid.NewGuid() });
        }

        await db.SaveChangesAsync();
        await new AuditSealer(db, _key).SealAsync();
    }

    /// <summary>One retention sweep on the default policy (ten years), then the sealing that follows it.</summary>
    private async Task<int> PruneAsync()
    {
        await using var db = NewContext();
        var report = await new RetentionSweep(db, new AuditTrail(db, _time), _key, _time, new RetentionPolicy()).RunAsync();
        await new AuditSealer(db, _key).SealAsync();
        return report.AuditRecords;
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var db = NewContext();
        return await new AuditVerifier(db, _key).VerifyAsync();
    }

    private SqliteSesameDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteSesameDbContext>().UseSqlite(_connection).Options);
}
