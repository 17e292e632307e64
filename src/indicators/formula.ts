import jsep from 'jsep';
import { ValidationError } from '../shared/errors.ts';
import { msg, type MessageKey } from '../shared/messages.ts';

/** A parsed formula: numbers, indicator codes, + - * /, unary minus and parentheses — nothing else. */
export type FormulaNode =
  | { readonly op: 'number'; readonly value: number }
  | { readonly op: 'input'; readonly code: string }
  | { readonly op: 'negate'; readonly arg: FormulaNode }
  | { readonly op: '+' | '-' | '*' | '/'; readonly left: FormulaNode; readonly right: FormulaNode };

/** Looks up an input's value; null (or undefined) when there is none. */
export type InputLookup = (code: string) => number | null | undefined;

export interface Formula {
  readonly text: string;
  readonly root: FormulaNode;
  /** Indicator codes used, each once, in order of first appearance. */
  readonly inputs: string[];
  /** Null when an input is missing, on division by zero, or when the result is not finite. */
  evaluate(get: InputLookup): number | null;
}

const CODE = /^[a-z][a-z0-9_]{1,63}$/;
const OPERATORS = new Set(['+', '-', '*', '/']);

export function parseFormula(text: string): Formula {
  let tree: jsep.Expression;
  try {
    tree = jsep(text);
  } catch (error) {
    const { index, description } = error as { index?: number; description?: string };
    throw invalid('formulaSyntax', { index: index ?? 0, detail: description ?? String(error) });
  }
  if (tree.type === 'Compound' && (tree.body as jsep.Expression[]).length === 0) {
    throw invalid('formulaSyntax', { index: 0, detail: 'empty formula' });
  }
  const root = toNode(tree);
  const inputs = [...new Set(inputsOf(root))];
  return {
    text,
    root,
    inputs,
    evaluate(get) {
      const values = new Map<string, number>();
      for (const code of inputs) {
        const value = get(code);
        if (value === null || value === undefined || !Number.isFinite(value)) return null;
        values.set(code, value);
      }
      const result = compute(root, values);
      if (result === null || !Number.isFinite(result)) return null;
      return result === 0 ? 0 : result; // no -0 in stored values
    },
  };
}

/**
 * True for a ratio: the top-level operation divides by something that depends on an input,
 * possibly scaled by constants (`a / b * 100`, `100 * a / b`, `-(a / b)`).
 * Such a formula must be evaluated on rolled-up inputs, never averaged.
 */
export function isQuotient(formula: Formula): boolean {
  return quotient(formula.root);
}

/** True when the formula is a linear combination of its inputs (sums of children equal the formula of sums). */
export function isLinear(formula: Formula): boolean {
  return linear(formula.root);
}

function quotient(node: FormulaNode): boolean {
  switch (node.op) {
    case '/':
      return isConstant(node.right) ? quotient(node.left) : true;
    case '*':
      if (isConstant(node.left)) return quotient(node.right);
      return isConstant(node.right) ? quotient(node.left) : false;
    case 'negate':
      return quotient(node.arg);
    default:
      return false;
  }
}

function linear(node: FormulaNode): boolean {
  switch (node.op) {
    case 'number':
    case 'input':
      return true;
    case 'negate':
      return linear(node.arg);
    case '+':
    case '-':
      return linear(node.left) && linear(node.right);
    case '*':
      return (isConstant(node.left) && linear(node.right)) || (isConstant(node.right) && linear(node.left));
    case '/':
      return isConstant(node.right) && linear(node.left);
  }
}

function isConstant(node: FormulaNode): boolean {
  return inputsOf(node).length === 0;
}

function inputsOf(node: FormulaNode): string[] {
  switch (node.op) {
    case 'number':
      return [];
    case 'input':
      return [node.code];
    case 'negate':
      return inputsOf(node.arg);
    default:
      return [...inputsOf(node.left), ...inputsOf(node.right)];
  }
}

function compute(node: FormulaNode, values: ReadonlyMap<string, number>): number | null {
  switch (node.op) {
    case 'number':
      return node.value;
    case 'input':
      return values.get(node.code) ?? null;
    case 'negate': {
      const arg = compute(node.arg, values);
      return arg === null ? null : -arg;
    }
  }
  const left = compute(node.left, values);
  const right = compute(node.right, values);
  if (left === null || right === null) return null;
  switch (node.op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return right === 0 ? null : left / right;
  }
}

function toNode(expr: jsep.Expression): FormulaNode {
  if (expr.type === 'Literal') {
    const { value, raw } = expr as jsep.Literal;
    if (typeof value === 'number' && Number.isFinite(value)) return { op: 'number', value };
    throw invalid('formulaNotAllowed', { what: String(raw) });
  }
  if (expr.type === 'Identifier') {
    const { name } = expr as jsep.Identifier;
    if (!CODE.test(name)) throw invalid('formulaBadName', { name });
    return { op: 'input', code: name };
  }
  if (expr.type === 'UnaryExpression') {
    const { operator, argument } = expr as jsep.UnaryExpression;
    if (operator !== '-') throw invalid('formulaNotAllowed', { what: `"${operator}"` });
    return { op: 'negate', arg: toNode(argument) };
  }
  if (expr.type === 'BinaryExpression') {
    const { operator, left, right } = expr as jsep.BinaryExpression;
    if (!isOperator(operator)) throw invalid('formulaNotAllowed', { what: `"${operator}"` });
    return { op: operator, left: toNode(left), right: toNode(right) };
  }
  throw invalid('formulaNotAllowed', { what: describe(expr) });
}

function isOperator(op: string): op is '+' | '-' | '*' | '/' {
  return OPERATORS.has(op);
}

function describe(expr: jsep.Expression): string {
  switch (expr.type) {
    case 'CallExpression': {
      const callee = (expr as jsep.CallExpression).callee;
      const name = callee.type === 'Identifier' ? (callee as jsep.Identifier).name : '';
      return `${name}(…)`;
    }
    case 'MemberExpression':
      return '. []';
    case 'Compound':
      return '; ,';
    case 'ConditionalExpression':
      return '? :';
    case 'ArrayExpression':
      return '[…]';
    case 'ThisExpression':
      return 'this';
    default:
      return expr.type;
  }
}

/** The inner reason is itself bilingual, so each language is filled separately. */
function invalid(inner: MessageKey, params: Record<string, string | number>): ValidationError {
  const detail = msg(inner, params);
  const vi = msg('formulaInvalid', { reason: detail.vi }).vi;
  const en = msg('formulaInvalid', { reason: detail.en }).en;
  return new ValidationError(vi, [{ field: 'formula', reason: vi, reasonEn: en }]);
}
