/** The permission table of Secrets Manager: the SMTP credentials' secrets. */
import { kmsKey, referenced, regional, Rules, secretArn, single } from "../grants";

export const secretsManagerResources: Record<string, Rules> = {
  aws_secretsmanager_secret: {
    arn: secretArn,
    grants: single(
      [
        "secretsmanager:CreateSecret",
        "secretsmanager:DescribeSecret",
        "secretsmanager:GetResourcePolicy",
        "secretsmanager:UpdateSecret",
        "secretsmanager:DeleteSecret",
        "secretsmanager:TagResource",
        "secretsmanager:UntagResource",
      ],
      (config, ctx) => [secretArn(config, ctx)],
    ),
  },
  aws_secretsmanager_secret_version: {
    grants: (config, ctx) => {
      const secret = referenced(config.secret_id, ctx);
      return [
        {
          actions: [
            "secretsmanager:PutSecretValue",
            "secretsmanager:GetSecretValue",
            "secretsmanager:DescribeSecret",
            "secretsmanager:UpdateSecretVersionStage",
          ],
          arns: [secret ? secretArn(secret, ctx) : regional(ctx, "secretsmanager", "secret:*")],
        },
        ...kmsKey(secret?.kms_key_id, ["kms:GenerateDataKey", "kms:Decrypt"], ctx),
      ];
    },
  },
};
