using Sesame.Core.Accounts;

namespace Sesame.Server.Infrastructure.Mail;

/// <summary>
/// Issues a security code and queues the mail that carries it, for confirmation or sign-in. The caller
/// saves both with its own change.
/// </summary>
public sealed class SecurityCodeSender(EmailCodeService codes, MailOutbox outbox, MailTemplates mail)
{
    public async Task<EmailCodeIssue> SendAsync(SesameUser user, EmailCodePurpose purpose, CancellationToken cancellationToken)
    {
        var issue = await codes.IssueAsync(user.Id, purpose, cancellationToken);
        if (issue.IsSent)
        {
            if (purpose == EmailCodePurpose.SignIn)
            {
                outbox.Enqueue(MailTemplates.SignInCode, mail.SignInCodeMail(user.Email!, issue.Code!));
            }
            else
            {
                outbox.Enqueue(MailTemplates.ConfirmEmail, mail.ConfirmEmailCode(user.Email!, issue.Code!));
            }
        }

        return issue;
    }
}
