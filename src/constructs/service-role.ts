import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { named } from "../private/addresses";

export interface ServiceRoleProps {
  readonly provider: AwsProvider;
  /**
   * The Terraform name of the role and its policy (`aws_iam_role.<name>`); the policy documents
   * are `<name>_trust` and `<name>_permissions`.
   */
  readonly terraformName: string;
  readonly roleName: string;
  readonly description: string;
  /** Service principal allowed to assume the role, for example `ses.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** Confused-deputy guard: only requests on behalf of this account. */
  readonly sourceAccount: string;
  /** Confused-deputy guard: only requests from these resources. */
  readonly sourceArns: string[];
  /** The permissions of the role's inline policy. */
  readonly statements: DataAwsIamPolicyDocumentStatement[];
}

/**
 * An IAM role a service assumes, with `aws:SourceAccount` and `aws:SourceArn` trust conditions and
 * one inline policy. Inline (`aws_iam_role_policy`) rather than `aws_iam_policy_attachment`, which
 * is exclusive across the whole account.
 *
 * Emits `aws_iam_role`, `aws_iam_role_policy` and two `aws_iam_policy_document` data sources.
 */
export class ServiceRole extends Construct {
  public readonly role: IamRole;
  public readonly policy: IamRolePolicy;
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    const { provider } = props;
    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      provider,
      statement: [
        {
          sid: "AllowServiceOnBehalfOfThisAccount",
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: [props.servicePrincipal] }],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [props.sourceAccount] },
            { test: "ArnLike", variable: "aws:SourceArn", values: props.sourceArns },
          ],
        },
      ],
    });
    named(trust, props.terraformName, "trust");
    this.role = new IamRole(this, "role", {
      provider,
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: trust.json,
    });
    named(this.role, props.terraformName);
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      provider,
      statement: props.statements,
    });
    named(permissions, props.terraformName, "permissions");
    this.policy = new IamRolePolicy(this, "policy", {
      provider,
      name: props.roleName,
      role: this.role.id,
      policy: permissions.json,
    });
    named(this.policy, props.terraformName);
    this.roleArn = this.role.arn;
  }
}
