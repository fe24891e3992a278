import { describe, expect, it } from 'vitest';
import { softwareAdapter, softwareRendererIn } from './softwareGpu';

describe('software renderers', () => {
  it('names the software renderers browsers report and passes hardware ones', () => {
    expect(
      softwareRendererIn(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe('SwiftShader');
    expect(softwareRendererIn('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe('llvmpipe');
    expect(softwareRendererIn('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)')).toBe(
      'Microsoft Basic Render',
    );
    expect(softwareRendererIn('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBeNull();
    expect(softwareRendererIn('Apple M2')).toBeNull();
  });

  it('reads a WebGPU adapter as Chromium gives it on SwiftShader, and a hardware one', () => {
    expect(softwareAdapter({ info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } })).toBe(
      'swiftshader',
    );
    expect(softwareAdapter({ isFallbackAdapter: true, info: { vendor: 'x', architecture: '' } })).toBe(
      'a fallback adapter',
    );
    expect(softwareAdapter({ info: { vendor: 'nvidia', architecture: 'ampere' } })).toBeNull();
    expect(softwareAdapter(null)).toBeNull();
  });
});
