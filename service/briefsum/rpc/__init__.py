"""The gRPC layer: servicer, server, client and the protobuf <-> model conversion.

Protobuf types never leave this package.
"""
