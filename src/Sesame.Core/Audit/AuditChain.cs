using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Data;
using Sesame.Core.Privacy;

namespace Sesame.Core.Audit;

/// <summary>The key of the audit chain's hashes (Secrets:AuditKey), kept apart from the others.</summary>
public sealed class AuditKey(byte[] key)
{
    public KeyedHasher Hasher { get; } = new(key);
}

/// <summary>
/// Seals appended records into the chain, in the order it finds them: each gets the next sequence number, the
/// previous record's hash and its own keyed hash (HMAC over its content and the previous hash). Appends never
/// wait on each other; only this step is serial, and a unique index on the sequence makes a second sealer
/// (another node) fail instead of forking the chain.
/// </summary>
public sealed class AuditSealer(SesameDbContext db, AuditKey key)
{
    public async Task<int> SealAsync(int batch = 500, CancellationToken cancellationToken = default)
    {
        var last = await db.AuditRecords.Where(r => r.Sequence != null)
            .OrderByDescending(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var pending = await db.AuditRecords.Where(r => r.Sequence == null).OrderBy(r => r.Id).Take(batch).ToListAsync(cancellationToken);
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash ?? AuditTrail.Genesis;
        foreach (var record in pending)
        {
            record.Sequence = ++sequence;
            record.PreviousHash = previous;
            record.Hash = AuditTrail.HashOf(key.Hasher, record, previous);
            previous = record.Hash;
        }

        await db.SaveChangesAsync(cancellationToken);
        return pending.Count;
    }
}

/// <summary>What <see cref="AuditVerifier"/> found: intact, or the first record that was changed, removed or reordered.</summary>
public sealed record AuditVerification(bool Intact, long Sealed, long Unsealed, long? FirstBadSequence, long? FirstBadId, string? Problem, string? Head);

/// <summary>Walks the chain from the start and names the first record whose place, link or content is not what was sealed.</summary>
public sealed class AuditVerifier(SesameDbContext db, AuditKey key)
{
    private const int Page = 1_000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var unsealed = await db.AuditRecords.LongCountAsync(r => r.Sequence == null, cancellationToken);
        long expected = 1;
        var previous = AuditTrail.Genesis;
        long after = 0;
        while (true)
        {
            var page = await db.AuditRecords.AsNoTracking()
                .Where(r => r.Sequence != null && r.Sequence > after)
                .OrderBy(r => r.Sequence)
                .Take(Page)
                .ToListAsync(cancellationToken);
            foreach (var record in page)
            {
                var problem = record.Sequence != expected ? $"expected sequence {expected}: a record was removed or reordered"
                    : record.PreviousHash is null || !CryptographicOperations.FixedTimeEquals(record.PreviousHash, previous) ? "its link to the previous record does not match"
                    : record.Hash is null || !CryptographicOperations.FixedTimeEquals(record.Hash, AuditTrail.HashOf(key.Hasher, record, previous)) ? "its content was changed"
                    : null;
                if (problem is not null)
                {
                    return new AuditVerification(false, expected - 1, unsealed, record.Sequence, record.Id, problem, null);
                }

                previous = record.Hash!;
                expected++;
                after = record.Sequence!.Value;
            }

            if (page.Count < Page)
            {
                return new AuditVerification(true, expected - 1, unsealed, null, null, null, $"{expected - 1}:{Convert.ToHexString(previous)}");
            }
        }
    }
}
