/** The permission table of IAM: users, groups, roles, their policies and access keys. */
import { groupArn, iamArnOf, roleArn, Rules, single, userArn } from "../grants";

export const iamResources: Record<string, Rules> = {
  aws_iam_user: {
    idAttribute: "name",
    arn: userArn,
    grants: (config, ctx) => [
      {
        actions: [
          "iam:CreateUser",
          "iam:GetUser",
          "iam:DeleteUser",
          "iam:TagUser",
          "iam:UntagUser",
          "iam:ListGroupsForUser",
          ...(config.permissions_boundary
            ? ["iam:PutUserPermissionsBoundary", "iam:DeleteUserPermissionsBoundary"]
            : []),
        ],
        arns: [userArn(config, ctx)],
      },
    ],
  },
  aws_iam_group: {
    idAttribute: "name",
    arn: groupArn,
    grants: single(["iam:CreateGroup", "iam:GetGroup", "iam:DeleteGroup"], (config, ctx) => [
      groupArn(config, ctx),
    ]),
  },
  aws_iam_group_policy: {
    grants: single(
      ["iam:PutGroupPolicy", "iam:GetGroupPolicy", "iam:DeleteGroupPolicy"],
      (config, ctx) => [iamArnOf("group", config.group, ctx, groupArn)],
    ),
  },
  aws_iam_user_group_membership: {
    grants: single(
      ["iam:AddUserToGroup", "iam:RemoveUserFromGroup", "iam:ListGroupsForUser"],
      (config, ctx) => [
        iamArnOf("user", config.user, ctx, userArn),
        ...(config.groups as unknown[]).map((g) => iamArnOf("group", g, ctx, groupArn)),
      ],
    ),
  },
  aws_iam_access_key: {
    grants: single(
      ["iam:CreateAccessKey", "iam:ListAccessKeys", "iam:UpdateAccessKey", "iam:DeleteAccessKey"],
      (config, ctx) => [iamArnOf("user", config.user, ctx, userArn)],
    ),
  },
  aws_iam_role: {
    idAttribute: "name",
    arn: roleArn,
    grants: single(
      [
        "iam:CreateRole",
        "iam:GetRole",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
        "iam:UpdateAssumeRolePolicy",
        "iam:DeleteRole",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:ListRolePolicies",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
      ],
      (config, ctx) => [roleArn(config, ctx)],
    ),
  },
  aws_iam_role_policy: {
    grants: single(
      ["iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"],
      (config, ctx) => [iamArnOf("role", config.role, ctx, roleArn)],
    ),
  },
};

export const iamDataSources: Record<string, Rules> = {
  aws_iam_role: {
    grants: single(["iam:GetRole"], (config, ctx) => [roleArn(config, ctx)]),
  },
};
