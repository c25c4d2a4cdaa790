/** The permission table of EC2 (VPC): the endpoint's security groups, ingress rules and the interface endpoint. */
import { ec2, literal, orAny, Rules, single } from "../grants";

export const ec2Resources: Record<string, Rules> = {
  aws_security_group: {
    grants: single(
      [
        "ec2:CreateSecurityGroup",
        "ec2:DescribeSecurityGroups",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:DeleteSecurityGroup",
        "ec2:CreateTags",
        "ec2:DeleteTags",
        "ec2:DescribeNetworkInterfaces",
      ],
      (config, ctx) => [
        ec2(ctx, "security-group/*"),
        ec2(ctx, `vpc/${orAny(literal(config.vpc_id, ctx))}`),
      ],
    ),
  },
  aws_vpc_security_group_ingress_rule: {
    grants: single(
      [
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:ModifySecurityGroupRules",
        "ec2:DescribeSecurityGroupRules",
        "ec2:CreateTags",
        "ec2:DeleteTags",
      ],
      (_config, ctx) => [ec2(ctx, "security-group/*"), ec2(ctx, "security-group-rule/*")],
    ),
  },
  aws_vpc_endpoint: {
    grants: single(
      [
        "ec2:CreateVpcEndpoint",
        "ec2:DescribeVpcEndpoints",
        "ec2:ModifyVpcEndpoint",
        "ec2:DeleteVpcEndpoints",
        "ec2:DescribePrefixLists",
        "ec2:CreateTags",
        "ec2:DeleteTags",
      ],
      (config, ctx) => [
        ec2(ctx, "vpc-endpoint/*"),
        ec2(ctx, `vpc/${orAny(literal(config.vpc_id, ctx))}`),
        ...((config.subnet_ids ?? []) as unknown[]).map((s) =>
          ec2(ctx, `subnet/${orAny(literal(s, ctx))}`),
        ),
        ec2(ctx, "security-group/*"),
      ],
    ),
  },
};

export const ec2DataSources: Record<string, Rules> = {
  aws_vpc_endpoint: {
    grants: single(["ec2:DescribeVpcEndpoints"], (_config, ctx) => [ec2(ctx, "vpc-endpoint/*")]),
  },
  aws_security_group: {
    grants: single(["ec2:DescribeSecurityGroups"], (_config, ctx) => [
      ec2(ctx, "security-group/*"),
    ]),
  },
};
