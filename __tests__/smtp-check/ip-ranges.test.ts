import { classifyAddress } from "../../src/smtp-check/ip-ranges";

describe("classifyAddress", () => {
  test.each(["10.0.1.5", "172.16.0.1", "172.31.255.254", "192.168.10.10", "100.64.0.1", "fd12::1"])(
    "%s is private",
    (address) => {
      expect(classifyAddress(address)).toBe("private");
    },
  );

  test.each(["52.0.0.10", "172.32.0.1", "100.128.0.1", "2600:1f18::1"])(
    "%s is public",
    (address) => {
      expect(classifyAddress(address)).toBe("public");
    },
  );

  test.each(["127.0.0.1", "127.8.9.10", "::1"])("%s is loopback", (address) => {
    expect(classifyAddress(address)).toBe("loopback");
  });

  test.each(["169.254.169.254", "0.0.0.0", "fe80::1"])("%s is unusable", (address) => {
    expect(classifyAddress(address)).toBe("unusable");
  });

  test("an IPv4-mapped IPv6 address is judged as its IPv4 address", () => {
    expect(classifyAddress("::ffff:10.1.2.3")).toBe("private");
  });

  test("rejects a string that is not an address", () => {
    expect(() => classifyAddress("email-smtp.us-east-1.amazonaws.com")).toThrow(
      /not an IP address/,
    );
  });
});
