using Microsoft.EntityFrameworkCore;
using Sesame.Core.Data;
using Sesame.Core.Identity;

namespace Sesame.Core.Privacy;

/// <summary>
/// Re-encrypts, under the newest personal-data key, every value written under an older one (issue 7, item 4:
/// "new writes use the newest key; a command re-encrypts old rows"). Once it has run, the old key can be
/// removed from configuration. Rows are handled in batches, each saved on its own.
/// </summary>
public sealed class PersonalDataRotation(SesameDbContext db, PersonalDataProtector protector)
{
    private const int Batch = 200;

    /// <summary>Returns how many values were re-encrypted.</summary>
    public async Task<int> ReencryptAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var proofing in await db.ProofingCases.Where(c => c.PersonalData != null).ToListAsync(cancellationToken))
        {
            if (protector.NeedsNewKey(proofing.PersonalData!))
            {
                var person = protector.Unprotect<PersonalInformation>(proofing.PersonalData!, PersonalInformation.ProtectionPurpose);
                proofing.PersonalData = protector.Protect(person, PersonalInformation.ProtectionPurpose);
                count++;
                await SaveEveryBatchAsync(count, cancellationToken);
            }
        }

        foreach (var identity in await db.VerifiedIdentities.ToListAsync(cancellationToken))
        {
            if (protector.NeedsNewKey(identity.Attributes))
            {
                var person = protector.Unprotect<PersonalInformation>(identity.Attributes, VerifiedIdentity.ProtectionPurpose);
                identity.Attributes = protector.Protect(person, VerifiedIdentity.ProtectionPurpose);
                count++;
                await SaveEveryBatchAsync(count, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return count;
    }

    private async Task SaveEveryBatchAsync(int count, CancellationToken cancellationToken)
    {
        if (count % Batch == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
