namespace Dialogue.Web.Features.Digests;

/// <summary>
/// A section whose content depends on its recipient only through what the access policy lets them read (their viewer
/// facts and, for a member, their own id), the spaces they chose, their language and the window, and which leaves out
/// nothing but the recipient's own posts of the window. A batch builds it once for every recipient who reads alike
/// (<see cref="ThreadSections.ReadingGroups"/>), as a stand-in holding those same facts; a section that reads anything
/// else of the recipient (their follows, their notifications) must not implement this.
/// </summary>
public interface ISharedDigestSection : IDigestSection;
