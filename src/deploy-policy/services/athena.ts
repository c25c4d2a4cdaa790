/** The permission table of the event table's Athena workgroup and named queries. */
import { literal, orAny, regional, Rules } from "../grants";

export const athenaResources: Record<string, Rules> = {
  aws_athena_workgroup: {
    idAttribute: "name",
    arn: (config, ctx) => regional(ctx, "athena", `workgroup/${orAny(literal(config.name, ctx))}`),
    grants: (config, ctx) => [
      {
        actions: [
          "athena:CreateWorkGroup",
          "athena:GetWorkGroup",
          "athena:UpdateWorkGroup",
          "athena:DeleteWorkGroup",
          "athena:ListTagsForResource",
          "athena:TagResource",
          "athena:UntagResource",
        ],
        arns: [ctx.rules.aws_athena_workgroup.arn!(config, ctx)],
      },
    ],
  },
  aws_athena_named_query: {
    grants: (config, ctx) => [
      {
        actions: ["athena:CreateNamedQuery", "athena:GetNamedQuery", "athena:DeleteNamedQuery"],
        arns: [regional(ctx, "athena", `workgroup/${orAny(literal(config.workgroup, ctx))}`)],
      },
    ],
  },
};
