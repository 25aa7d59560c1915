using Microsoft.EntityFrameworkCore;
using Sesame.Core.Audit;
using Sesame.Core.Data;

namespace Sesame.Core.Accounts;

/// <summary>
/// The end of a closure's grace period (mission.md §4, "account closure"; Québec Law 25, A-2.1 s.73: personal
/// information is destroyed once its purpose is served): the account row is deleted, and the database cascades
/// to its sessions, codes, consents, places and identification in progress. The verified identity's encrypted
/// attributes (names, birth date, NAM, NAS) are wiped, but its keyed hashes and <c>PersonId</c> stay, so that a
/// person identified again later gets back the same identification codes and one identity still has one open
/// account (docs/decisions/0008-identification-codes.md, 0012-account-closure.md). The audit trail stays.
/// </summary>
public sealed class ClosedAccountDeletion(SesameDbContext db, AuditTrail audit, TimeProvider time)
{
    /// <summary>Deletes every account whose grace period has ended; returns how many. Each one in its own transaction.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var dueBefore = time.GetUtcNow() - AccountClosure.GracePeriod;
        var due = await db.Users.Where(u => u.ClosureRequestedAt != null && u.ClosureRequestedAt < dueBefore)
            .Select(u => u.Id).ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var id in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.VerifiedIdentities.Where(i => i.AccountId == id)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.Attributes, Array.Empty<byte>()), cancellationToken);
            audit.Record(new AccountDeleted { Subject = id });
            await db.SaveChangesAsync(cancellationToken);

            // Checked again in the delete itself: a person who signed in and cancelled a moment ago keeps the account.
            var rows = await db.Users.Where(u => u.Id == id && u.ClosureRequestedAt != null && u.ClosureRequestedAt < dueBefore)
                .ExecuteDeleteAsync(cancellationToken);
            if (rows == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                continue;
            }

            await transaction.CommitAsync(cancellationToken);
            deleted++;
        }

        return deleted;
    }
}
