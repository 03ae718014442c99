using System.Linq.Expressions;
using System.Reflection;

namespace Nuke.Common.Parameters;

/// <summary>Reads which member <c>() => Member</c> points at.</summary>
internal static class ExpressionMembers
{
    public static MemberInfo? TryGetMember(LambdaExpression expression)
    {
        var body = expression.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } unary)
            body = unary.Operand;

        return (body as MemberExpression)?.Member;
    }

    public static MemberInfo GetMember(LambdaExpression expression)
        => TryGetMember(expression)
           ?? throw new ArgumentException($"Expected an expression that names a member, like () => ImageName, but got {expression}.");
}
