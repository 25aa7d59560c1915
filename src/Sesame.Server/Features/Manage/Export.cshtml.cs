using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Identity;
using Sesame.Core.Privacy;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;

namespace Sesame.Server.Features.Manage;

/// <summary>
/// "Exporter mes données" (mission.md §6; Québec Law 25, A-2.1 s.83 and s.84: a person may obtain the personal
/// information held about them, in a structured, commonly used technological format). Everything Sesame holds
/// about the person, as JSON: the account, the verified identity (decrypted: it is the person's own), consents,
/// sessions, second factors and their own audit records. Never a secret: no password hash, security stamp,
/// authenticator key, recovery code, passkey key or session ticket. Showing all of it asks for a recent second
/// factor, like any change to how the account is protected (issue 5).
/// </summary>
[CitizensOnly]
[RequireRecentSecondFactor]
public sealed class ExportModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    SecondFactors factors,
    PersonalDataProtector protector,
    TimeProvider time) : SesamePageModel
{
    public const string FileName = "sesame-mes-donnees.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Accents as they are, for a person reading the file; characters that matter to HTML stay escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // Recorded first, in its own save, so that the export lists itself and no export goes unrecorded.
        Audit(new PersonalInformationExported { Subject = user.Id, Actor = user.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);

        var export = await CollectAsync(user, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json", FileName);
    }

    private async Task<object> CollectAsync(SesameUser user, CancellationToken cancellationToken)
    {
        var identity = await db.VerifiedIdentities.AsNoTracking().SingleOrDefaultAsync(i => i.AccountId == user.Id, cancellationToken);
        var person = identity is { Attributes.Length: > 0 }
            ? protector.Unprotect<PersonalInformation>(identity.Attributes, VerifiedIdentity.ProtectionPurpose)
            : null;
        var consents = await db.Consents.AsNoTracking().Where(c => c.UserId == user.Id)
            .Join(db.RelyingParties, c => c.ClientId, r => r.ClientId, (c, r) => new { c.ClientId, r.NameFr, r.NameEn, c.Claims, c.Purpose, c.Subject, c.GrantedAt, c.WithdrawnAt })
            .ToListAsync(cancellationToken);
        var sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == user.Id)
            .Select(s => new { s.Device, s.Methods, s.CreatedAt, s.LastSeenAt, s.ExpiresAt })
            .ToListAsync(cancellationToken);
        var places = await db.SignInPlaces.AsNoTracking().Where(p => p.UserId == user.Id).Select(p => p.FirstSeenAt).ToListAsync(cancellationToken);
        var set = await factors.OfAsync(user);
        var passkeys = await users.GetPasskeysAsync(user);
        var records = await db.AuditRecords.AsNoTracking().Where(r => r.Subject == user.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var self = user.Id.ToString();

        return new
        {
            exportedAt = time.GetUtcNow(),
            about = "Sesame — renseignements personnels détenus à votre sujet (Loi 25, RLRQ c. A-2.1, art. 83 et 84)",
            account = new
            {
                username = user.UserName,
                email = user.Email,
                emailConfirmed = user.EmailConfirmed,
                createdAt = user.CreatedAt,
                termsAcceptedAt = user.TermsAcceptedAt,
                lastSignInAt = user.LastSignInAt,
                identifiedAt = user.IdentifiedAt,
                locationAlertsEnabled = user.LocationAlertsEnabled,
                closureRequestedAt = user.ClosureRequestedAt,
                deletionDueAt = user.ClosureRequestedAt is { } requested ? AccountClosure.DeletionDue(requested) : (DateTimeOffset?)null,
            },
            verifiedIdentity = identity is null ? null : new
            {
                givenName = person?.GivenName,
                familyName = person?.FamilyName,
                birthDate = person?.BirthDate,
                healthInsuranceNumber = person?.Nam,
                socialInsuranceNumber = person?.Nas,
                method = identity.Method,
                verifiedAt = identity.VerifiedAt,
            },
            consents = consents.OrderBy(c => c.GrantedAt).Select(c => new
            {
                service = c.ClientId,
                serviceName = new { fr = c.NameFr, en = c.NameEn },
                claims = c.Claims.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                purpose = c.Purpose,
                identificationCode = c.Subject,
                grantedAt = c.GrantedAt,
                withdrawnAt = c.WithdrawnAt,
            }),
            sessions = sessions.OrderBy(s => s.CreatedAt).Select(s => new
            {
                device = s.Device,
                methods = s.Methods,
                createdAt = s.CreatedAt,
                lastSeenAt = s.LastSeenAt,
                expiresAt = s.ExpiresAt,
            }),
            secondFactors = new
            {
                authenticatorApp = set.Authenticator,
                passkeys = passkeys.Select(p => new { name = p.Name, createdAt = p.CreatedAt }),
                recoveryCodesLeft = set.RecoveryCodesLeft,
            },
            // Only keyed hashes of the places are kept: what can be shown is when each was first seen.
            signInPlaces = places.Order().Select(at => new { firstSeenAt = at }),
            auditRecords = records.Select(r => new
            {
                occurredAt = r.OccurredAt,
                code = r.Code,
                nature = r.Nature,
                outcome = r.Outcome.ToString(),
                actor = r.Actor == self ? "vous" : r.Actor,
                service = r.Service,
                detail = r.Detail,
                source = r.Source,
            }),
        };
    }
}
