using Microsoft.Extensions.Localization;
using Sesame.Core.Invitations;
using Sesame.Core.Privacy;
using Sesame.Server.Features.Invitations;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;

namespace Sesame.Server.Features.Organizations;

/// <summary>
/// Issues an invitation's code and link and queues its mail, in the caller's unit of work (at creation and at
/// each re-send, which voids the previous code and link). The code is returned once, for the representative's
/// screen: "Pour des raisons de sécurité, veuillez lui transmettre ce code en évitant le courriel" (seed 004).
/// </summary>
public sealed class InvitationSender(
    KeyedHasher hasher,
    MailOutbox outbox,
    MailTemplates mail,
    AccountLinks links,
    ProfessionalAccounts accounts,
    IStringLocalizer<SharedResource> text,
    TimeProvider time)
{
    public async Task<string> IssueAndMailAsync(Invitation invitation, Guid representative, CancellationToken cancellationToken)
    {
        var (code, linkSecret) = invitation.Issue(hasher, time.GetUtcNow());
        var person = accounts.Unprotect(invitation.Person);
        var representativeName = await accounts.NameOfAsync(representative, cancellationToken) is { } name ? accounts.Display(name) : text["Mail.Invitation.YourRepresentative"].Value;
        outbox.Enqueue(MailTemplates.Invitation, mail.InvitationMail(
            invitation.Email, text[ProfessionalAccounts.TitleKey(person.Title)], representativeName, links.Invitation(invitation.Id, linkSecret), invitation.HasAccount));
        return code;
    }
}
