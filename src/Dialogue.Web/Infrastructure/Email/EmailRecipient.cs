using System.Globalization;

namespace Dialogue.Web.Infrastructure.Email;

/// <summary>Who a message goes to and the language it is written in.</summary>
public sealed record EmailRecipient(string Address, string? Name, CultureInfo Culture);
