// Model functions and analytic Jacobians of the NIST StRD problems in fixtures/nist-strd.ts,
// written from the model formulas printed in the NIST .dat files.
import type { NlsJacobian, NlsModel } from "../../src/progress/nls.js";

export interface NistModel {
  f: NlsModel;
  jacobian: NlsJacobian;
}

export const nistModels: Record<string, NistModel> = {
  // y = b1*(1-exp[-b2*x])
  Misra1a: {
    f: (x, b) => b[0] * (1 - Math.exp(-b[1] * x)),
    jacobian: (x, b, out) => {
      const e = Math.exp(-b[1] * x);
      out[0] = 1 - e;
      out[1] = b[0] * x * e;
      return out;
    },
  },
  // y = (b1 + b2*x + b3*x**2 + b4*x**3) / (1 + b5*x + b6*x**2 + b7*x**3)
  Thurber: {
    f: (x, b) => {
      const x2 = x * x;
      const x3 = x2 * x;
      return (b[0] + b[1] * x + b[2] * x2 + b[3] * x3) / (1 + b[4] * x + b[5] * x2 + b[6] * x3);
    },
    jacobian: (x, b, out) => {
      const x2 = x * x;
      const x3 = x2 * x;
      const num = b[0] + b[1] * x + b[2] * x2 + b[3] * x3;
      const den = 1 + b[4] * x + b[5] * x2 + b[6] * x3;
      const q = num / (den * den);
      out[0] = 1 / den;
      out[1] = x / den;
      out[2] = x2 / den;
      out[3] = x3 / den;
      out[4] = -x * q;
      out[5] = -x2 * q;
      out[6] = -x3 * q;
      return out;
    },
  },
  // y = b1*(x**2+x*b2) / (x**2+x*b3+b4)
  MGH09: {
    f: (x, b) => (b[0] * (x * x + x * b[1])) / (x * x + x * b[2] + b[3]),
    jacobian: (x, b, out) => {
      const num = x * x + x * b[1];
      const den = x * x + x * b[2] + b[3];
      out[0] = num / den;
      out[1] = (b[0] * x) / den;
      out[2] = (-b[0] * num * x) / (den * den);
      out[3] = (-b[0] * num) / (den * den);
      return out;
    },
  },
  // y = b1 * exp[b2/(x+b3)]
  MGH10: {
    f: (x, b) => b[0] * Math.exp(b[1] / (x + b[2])),
    jacobian: (x, b, out) => {
      const e = Math.exp(b[1] / (x + b[2]));
      out[0] = e;
      out[1] = (b[0] * e) / (x + b[2]);
      out[2] = (-b[0] * e * b[1]) / ((x + b[2]) * (x + b[2]));
      return out;
    },
  },
  // y = (b1/b2) * exp[-0.5*((x-b3)/b2)**2]
  Eckerle4: {
    f: (x, b) => (b[0] / b[1]) * Math.exp(-0.5 * ((x - b[2]) / b[1]) ** 2),
    jacobian: (x, b, out) => {
      const u = (x - b[2]) / b[1];
      const e = Math.exp(-0.5 * u * u);
      const v = (b[0] / b[1]) * e;
      out[0] = e / b[1];
      out[1] = (-v / b[1]) * (1 - u * u);
      out[2] = (v * u) / b[1];
      return out;
    },
  },
  // y = b1 / ((1+exp[b2-b3*x])**(1/b4))
  Rat43: {
    f: (x, b) => b[0] / Math.pow(1 + Math.exp(b[1] - b[2] * x), 1 / b[3]),
    jacobian: (x, b, out) => {
      const e = Math.exp(b[1] - b[2] * x);
      const base = 1 + e;
      const v = b[0] / Math.pow(base, 1 / b[3]);
      out[0] = v / b[0];
      out[1] = (-v / b[3]) * (e / base);
      out[2] = (v / b[3]) * ((x * e) / base);
      out[3] = (v * Math.log(base)) / (b[3] * b[3]);
      return out;
    },
  },
  // y = b1*(1-exp[-b2*x])
  BoxBOD: {
    f: (x, b) => b[0] * (1 - Math.exp(-b[1] * x)),
    jacobian: (x, b, out) => {
      const e = Math.exp(-b[1] * x);
      out[0] = 1 - e;
      out[1] = b[0] * x * e;
      return out;
    },
  },
  // y = b1 * (b2+x)**(-1/b3)
  Bennett5: {
    f: (x, b) => b[0] * Math.pow(b[1] + x, -1 / b[2]),
    jacobian: (x, b, out) => {
      const v = Math.pow(b[1] + x, -1 / b[2]);
      out[0] = v;
      out[1] = (-b[0] * v) / (b[2] * (b[1] + x));
      out[2] = (b[0] * v * Math.log(b[1] + x)) / (b[2] * b[2]);
      return out;
    },
  },
};
