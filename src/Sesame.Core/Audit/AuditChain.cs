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

/// <summary>
/// Removes the oldest sealed records once they have been kept for the retention period (issue 7, item 5), without
/// breaking the chain and without a change of schema: in the same transaction, it appends an
/// <see cref="AuditPruned"/> record naming the last record removed and its hash, with a proof under the audit key.
/// The verifier then starts the chain at the first remaining record, whose link must be that hash. The newest sealed
/// record is always kept, so that the sealer continues the numbering from it.
/// </summary>
public sealed class AuditPruner(SesameDbContext db, AuditTrail audit, AuditKey key)
{
    /// <summary>Removes the sealed records that occurred before <paramref name="before"/>, oldest first; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var sealedRecords = db.AuditRecords.Where(r => r.Sequence != null);
        var head = await sealedRecords.MaxAsync(r => r.Sequence, cancellationToken);
        if (head is null)
        {
            return 0;
        }

        // Only a prefix of the chain can go: stop before the first record still within the period (clocks and
        // concurrent transactions can seal a slightly older record after a newer one; it then waits for the next sweep).
        var firstKept = await sealedRecords.Where(r => r.OccurredAt >= before).MinAsync(r => r.Sequence, cancellationToken);
        var through = Math.Min((firstKept ?? head.Value + 1) - 1, head.Value - 1);
        var first = await sealedRecords.MinAsync(r => r.Sequence, cancellationToken);
        if (through < first)
        {
            return 0;
        }

        var lastHash = await sealedRecords.Where(r => r.Sequence == through).Select(r => r.Hash).SingleAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await sealedRecords.Where(r => r.Sequence <= through).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            // Another node's sweep removed them first and recorded it; nothing to vouch for.
            return 0;
        }

        audit.Record(new AuditPruned(through, lastHash!, AuditTrail.PruningProof(key.Hasher, through, lastHash!)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }
}

/// <summary>What <see cref="AuditVerifier"/> found: intact, or the first record that was changed, removed or reordered.</summary>
public sealed record AuditVerification(bool Intact, long Sealed, long Unsealed, long? FirstBadSequence, long? FirstBadId, string? Problem, string? Head);

/// <summary>
/// Walks the chain from its first remaining record and names the first record whose place, link or content is not
/// what was sealed. A chain that no longer starts at sequence 1 must contain a sealed <see cref="AuditPruned"/>
/// record, with a valid proof, naming the record just before the first one and the hash that one links to.
/// </summary>
public sealed class AuditVerifier(SesameDbContext db, AuditKey key)
{
    private const int Page = 1_000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var unsealed = await db.AuditRecords.LongCountAsync(r => r.Sequence == null, cancellationToken);
        var first = await db.AuditRecords.AsNoTracking().Where(r => r.Sequence != null).OrderBy(r => r.Sequence)
            .Select(r => new { r.Id, r.Sequence, r.PreviousHash })
            .FirstOrDefaultAsync(cancellationToken);
        var start = first?.Sequence ?? 1;
        // From sequence 1 the chain starts at the genesis value; after pruning, at the link a pruning record vouches for.
        var previous = start == 1 ? AuditTrail.Genesis : first!.PreviousHash ?? [];
        var vouched = start == 1;
        long expected = start;
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
                    : record.Code == AuditPruned.EventCode ? CheckPruning(record, start, first?.PreviousHash, ref vouched)
                    : null;
                if (problem is not null)
                {
                    return new AuditVerification(false, expected - start, unsealed, record.Sequence, record.Id, problem, null);
                }

                previous = record.Hash!;
                expected++;
                after = record.Sequence!.Value;
            }

            if (page.Count < Page)
            {
                break;
            }
        }

        return vouched
            ? new AuditVerification(true, expected - start, unsealed, null, null, null, $"{expected - 1}:{Convert.ToHexString(previous)}")
            : new AuditVerification(false, 0, unsealed, first!.Sequence, first.Id,
                $"the records before it were removed, and no sealed pruning record names sequence {start - 1}", null);
    }

    /// <summary>
    /// A pruning record must carry a proof under the audit key (anyone who can write to the table can append a
    /// record, which the sealer then seals); the one naming the record before the chain's start must name its hash.
    /// </summary>
    private string? CheckPruning(AuditRecord record, long start, byte[]? startLink, ref bool vouched)
    {
        if (!AuditPruned.TryParse(record.Detail, out var through, out var hash, out var proof)
            || !key.Hasher.Matches(proof, AuditTrail.PruningParts(through, hash)))
        {
            return "this pruning record has no valid proof: it was not written by the retention sweep";
        }

        if (through != start - 1)
        {
            return null;
        }

        if (startLink is null || !CryptographicOperations.FixedTimeEquals(hash, startLink))
        {
            return $"this pruning record names a hash that the first remaining record (sequence {start}) does not link to";
        }

        vouched = true;
        return null;
    }
}
