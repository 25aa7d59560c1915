using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Organizations;
using Sesame.Core.Privacy;

namespace Sesame.Server.Features.Invitations;

/// <summary>
/// Creates professional accounts and memberships the one way, whether from an invitation or for the demo:
/// the account (Identity applies the population's rules), its encrypted profile, its eight hashed answers.
/// Names are mapped by hand so it is plain where they go (architecture.md, principle 1).
/// </summary>
public sealed class ProfessionalAccounts(
    SesameDbContext db,
    UserManager<SesameUser> users,
    PersonalDataProtector protector,
    SecurityAnswerHasher answers,
    IStringLocalizer<SharedResource> text)
{
    public byte[] Protect(ProfessionalName name) => protector.Protect(name, ProfessionalName.Purpose);

    public ProfessionalName Unprotect(byte[] value) => protector.Unprotect<ProfessionalName>(value, ProfessionalName.Purpose);

    /// <summary>"Monsieur Luc Gagnon", as seed 004's mail names the representative.</summary>
    public string Display(ProfessionalName name) => $"{text[TitleKey(name.Title)]} {name.GivenName} {name.FamilyName}";

    public static string TitleKey(CivilityTitle title) => $"Title.{title}";

    public async Task<ProfessionalName?> NameOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var profile = await db.ProfessionalProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        return profile is null ? null : Unprotect(profile.Name);
    }

    /// <summary>
    /// Creates the account (Identity saves it) and adds its profile and answers to the unit of work, which the
    /// caller saves in the same transaction.
    /// </summary>
    /// <param name="answerTexts">The answers to questions 1 to 8, in order.</param>
    public async Task<IdentityResult> CreateAsync(SesameUser user, string password, byte[] protectedName, IReadOnlyList<string> answerTexts, DateTimeOffset policyAcceptedAt)
    {
        if (answerTexts.Count != SecurityQuestions.Count)
        {
            throw new ArgumentException($"A professional answers {SecurityQuestions.Count} questions.", nameof(answerTexts));
        }

        user.Population = AccountPopulation.Professional;
        user.Email = null;
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created;
        }

        db.ProfessionalProfiles.Add(new ProfessionalProfile { UserId = user.Id, Name = protectedName, UsagePolicyAcceptedAt = policyAcceptedAt });
        foreach (var question in SecurityQuestions.All)
        {
            db.SecurityAnswers.Add(answers.Hash(user, question, answerTexts[question - 1]));
        }

        return created;
    }

    /// <summary>
    /// Creates the account an operator approves from an access request (seed 003): a temporary password to change at
    /// the first sign-in, and no security answers yet, which the person sets then. The caller saves the profile in
    /// the same transaction.
    /// </summary>
    public async Task<IdentityResult> CreateWithTemporaryPasswordAsync(SesameUser user, string temporaryPassword, byte[] protectedName, DateTimeOffset committedAt)
    {
        user.Population = AccountPopulation.Professional;
        user.Email = null;
        var created = await users.CreateAsync(user, temporaryPassword);
        if (created.Succeeded)
        {
            db.ProfessionalProfiles.Add(new ProfessionalProfile { UserId = user.Id, Name = protectedName, UsagePolicyAcceptedAt = committedAt, MustChangePassword = true });
        }

        return created;
    }

    /// <summary>
    /// Makes the account a member of the organization with these services (added to those it has there). With a
    /// validity period (an approved access request, seed 003), the services get it; a service the account already
    /// holds without a limit keeps it, one whose period ran out is renewed.
    /// </summary>
    public async Task JoinAsync(Guid organizationId, Guid userId, IEnumerable<string> serviceCodes, DateTimeOffset now, bool designatedRepresentative, CancellationToken cancellationToken,
        DateOnly? validFrom = null, DateOnly? validUntil = null)
    {
        var membership = await db.Memberships.Include(m => m.Services)
            .SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            membership = new Membership { Id = Guid.CreateVersion7(now), OrganizationId = organizationId, UserId = userId, CreatedAt = now };
            db.Memberships.Add(membership);
        }

        membership.IsDesignatedRepresentative |= designatedRepresentative;
        foreach (var code in serviceCodes.Distinct(StringComparer.Ordinal).ToList())
        {
            var held = membership.Services.SingleOrDefault(s => s.ServiceCode == code);
            if (held is null)
            {
                membership.Services.Add(new MembershipService { MembershipId = membership.Id, ServiceCode = code, ValidFrom = validFrom, ValidUntil = validUntil });
            }
            else if (held.ValidUntil is not null)
            {
                (held.ValidFrom, held.ValidUntil) = validUntil is null ? (null, null) : (validFrom, validUntil);
            }
        }
    }
}
